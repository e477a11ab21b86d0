package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * One finding of validation: an error blocks the operation, a warning is reported (and blocks too when the
 * strict setting is on).
 *
 * @param severity error or warning
 * @param code     a stable identifier of the rule, such as {@code CHECKSUM_MISMATCH}
 * @param message  a sentence that names what is at fault and what to do next
 * @param version  the migration version it is about, or null
 * @param script   the file or class it is about, or null
 */
public record Issue(Severity severity, String code, String message, @Nullable Version version, @Nullable String script) {

    /** How serious an issue is. */
    public enum Severity {
        /** Blocks the operation. */
        ERROR,
        /** Reported; blocks only in strict mode. */
        WARNING
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
        return isError() ? this : new Issue(Severity.ERROR, code, message + " (an error because strict mode is on)", version, script);
    }
}
