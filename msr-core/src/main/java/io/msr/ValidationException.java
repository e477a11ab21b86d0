package io.msr;

import java.util.List;

/**
 * Validation failed before anything executed; the database is unchanged. Carries every issue found, errors
 * first; the message lists them all.
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

    private static String describe(List<Issue> issues) {
        if (issues.size() == 1) {
            return "Validation failed: " + issues.get(0).message();
        }
        StringBuilder text = new StringBuilder("Validation failed with ").append(issues.size()).append(" problems:");
        for (Issue issue : issues) {
            text.append("\n  - ").append(issue.message());
        }
        return text.toString();
    }
}
