package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * One problem the offline check found.
 *
 * @param severity error or warning (warnings are errors in strict mode)
 * @param code     a stable identifier, such as {@code MALFORMED_NAME}, {@code BRANCH_ORDER} or
 *                 {@code LINT_SET_NOT_NULL}
 * @param message  a sentence that names what is at fault and what to do next
 * @param file     the file it is about, relative to the repository root (with {@code /}), a {@code classpath:} name,
 *                 or null when it is about no single file
 * @param line     the 1-based line, or null when not known
 * @param version  the migration version, or null
 */
public record CheckFinding(Issue.Severity severity, String code, String message, @Nullable String file,
        @Nullable Integer line, @Nullable Version version) {

    /** Returns true for an error. */
    public boolean isError() {
        return severity == Issue.Severity.ERROR;
    }
}
