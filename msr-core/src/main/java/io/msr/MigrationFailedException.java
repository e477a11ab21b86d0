package io.msr;

import org.jspecify.annotations.Nullable;

/** A migration failed while executing. Carries the version, script, SQLState and line of the failure. */
public final class MigrationFailedException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with its message and, where known, the migration and database details it is about. */
    public MigrationFailedException(String message, @Nullable Version version, @Nullable String script, @Nullable Integer line,
            @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, version, script, line, sqlState, cause);
    }

    /** Creates the error with a message only. */
    public MigrationFailedException(String message) {
        this(message, null, null, null, null, null);
    }

    /** Creates the error with a message and its cause. */
    public MigrationFailedException(String message, @Nullable Throwable cause) {
        this(message, null, null, null, null, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.MIGRATION_FAILED;
    }
}
