package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * What {@link Msr#check(CheckSettings)} found.
 *
 * @param findings   every finding, errors and warnings, in file order
 * @param migrations how many migrations were resolved
 * @param checked    how many of them were linted and held to the down policy (all, or those new or changed since
 *                   the base ref)
 * @param baseRef    the base ref compared with, or null
 */
public record CheckResult(List<CheckFinding> findings, int migrations, int checked, @Nullable String baseRef) {

    /** Copies the list. */
    public CheckResult {
        findings = List.copyOf(findings);
    }

    /** Returns the errors. */
    public List<CheckFinding> errors() {
        return findings.stream().filter(CheckFinding::isError).toList();
    }

    /** Returns the warnings. */
    public List<CheckFinding> warnings() {
        return findings.stream().filter(finding -> !finding.isError()).toList();
    }

    /** Returns true when there is no error. */
    public boolean passed() {
        return findings.stream().noneMatch(CheckFinding::isError);
    }

    /** Returns {@link ExitCode#SUCCESS} when passed, else {@link ExitCode#VALIDATION}. */
    public ExitCode exitCode() {
        return passed() ? ExitCode.SUCCESS : ExitCode.VALIDATION;
    }
}
