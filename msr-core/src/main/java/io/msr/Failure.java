package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * Why an operation failed, as reported in results and JSON summaries.
 *
 * @param exitCode the exit code of the outcome
 * @param type     the kind of error, the simple name of the {@link MsrException} subclass
 * @param message  the full message, free of passwords
 * @param version  the migration version at fault, or null
 * @param script   the script at fault, or null
 * @param line     the 1-based line in the script, or null
 * @param sqlState the SQLState reported by the database, or null
 */
public record Failure(ExitCode exitCode, String type, @Nullable String message, @Nullable Version version,
        @Nullable String script, @Nullable Integer line, @Nullable String sqlState) {
}
