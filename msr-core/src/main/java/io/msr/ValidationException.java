package io.msr;

import java.util.List;

/**
 * Validation failed before anything executed; the database is unchanged. Carries every issue found, errors
 * first; the message lists them all, each with its code ({@code [CHECKSUM_MISMATCH] Migration V3 ...}).
 */
public final class ValidationException extends MsrException {

    private static final long serialVersionUID = 1L;

    private final transient List<Issue> issues;

    /** Creates the error from the issues that failed validation (at least one). */
    public ValidationException(List<Issue> issues) {
        super(describe(issues), first(issues).version(), first(issues).script(), null, null, null);
        this.issues = List.copyOf(issues);
    }

    /** Returns every issue that failed validation. */
    public List<Issue> issues() {
        return issues;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.VALIDATION;
    }

    private static Issue first(List<Issue> issues) {
        if (issues.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one issue");
        }
        return issues.get(0);
    }

    /** An issue as the message lists it: its code first, so logs and summaries can be searched by it. */
    private static String line(Issue issue) {
        return "[" + issue.code() + "] " + issue.message();
    }

    private static String describe(List<Issue> issues) {
        if (issues.size() == 1) {
            return "Validation failed: " + line(issues.get(0));
        }
        StringBuilder text = new StringBuilder("Validation failed with ").append(issues.size()).append(" problems:");
        for (Issue issue : issues) {
            text.append("\n  - ").append(line(issue));
        }
        return text.toString();
    }
}
