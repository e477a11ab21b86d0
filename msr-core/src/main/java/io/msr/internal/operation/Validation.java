package io.msr.internal.operation;

import io.msr.Issue;
import io.msr.ValidationException;

import java.util.ArrayList;
import java.util.List;

/** Fails fast on the problems found while resolving files, before any connection is opened. */
final class Validation {

    private Validation() {
    }

    static void failOnErrors(List<Issue> issues, boolean strict) {
        List<Issue> errors = new ArrayList<>();
        for (Issue issue : issues) {
            if (issue.isError()) {
                errors.add(issue);
            } else if (strict) {
                errors.add(issue.asError());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
