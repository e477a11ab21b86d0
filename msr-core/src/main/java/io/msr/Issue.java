package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * One finding of validation or of the offline check: an error blocks the operation (or fails the check), a warning is
 * reported (and blocks too when the strict setting is on).
 *
 * @param severity error or warning
 * @param code     a stable identifier of the rule, such as {@code CHECKSUM_MISMATCH}, {@code MALFORMED_NAME},
 *                 {@code BRANCH_ORDER} or {@code LINT_SET_NOT_NULL}
 * @param message  a sentence that names what is at fault and what to do next
 * @param version  the migration version it is about, or null
 * @param script   the file or class it is about, or null when it is about no single one; in a {@link CheckResult},
 *                 the file relative to the repository root (with {@code /}) or a {@code classpath:} name
 * @param line     the 1-based line in the file, or null when not known
 */
public record Issue(Severity severity, String code, String message, @Nullable Version version, @Nullable String script,
        @Nullable Integer line) {

    /** How serious an issue is. */
    public enum Severity {
        /** Blocks the operation. */
        ERROR,
        /** Reported; blocks only in strict mode. */
        WARNING
    }

    /** Creates an issue about no particular line. */
    public Issue(Severity severity, String code, String message, @Nullable Version version, @Nullable String script) {
        this(severity, code, message, version, script, null);
    }

    /** Creates an error issue. */
    public static Issue error(String code, String message, @Nullable Version version, @Nullable String script) {
        return new Issue(Severity.ERROR, code, message, version, script);
    }

    /** Creates a warning issue. */
    public static Issue warning(String code, String message, @Nullable Version version, @Nullable String script) {
        return new Issue(Severity.WARNING, code, message, version, script);
    }

    /** Returns true for an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Returns this issue as an error, as strict mode does with warnings. */
    public Issue asError() {
        return isError() ? this : new Issue(Severity.ERROR, code, message + " (an error because strict mode is on)",
                version, script, line);
    }
}
