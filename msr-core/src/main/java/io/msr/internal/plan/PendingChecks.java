package io.msr.internal.plan;

import io.msr.Issue;
import io.msr.Version;
import io.msr.internal.lint.LintFinding;
import io.msr.internal.lint.LintOptions;
import io.msr.internal.lint.MigrationLinter;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** The checks on what a run would apply: fit for a per-batch run, the lint, and a target below the schema. Pure. */
final class PendingChecks {

    private PendingChecks() {
    }

    /** A {@code NON_TRANSACTIONAL_IN_BATCH} error for each pending migration that must run outside a transaction. */
    static void nonTransactionalInBatch(List<ResolvedMigration> pending, List<Issue> issues) {
        for (ResolvedMigration migration : pending) {
            if (migration.declaresNonTransactional()) {
                issues.add(Issue.error("NON_TRANSACTIONAL_IN_BATCH", "Migration " + migration.label() + " ("
                        + migration.script() + ") must run outside a transaction, so it cannot be part of a"
                        + " per-batch run. Use msr.transaction-mode=per-migration, or apply it on its own.",
                        migration.version(), migration.script()));
            }
        }
    }

    /** Lints the pending migrations: unknown rules a file allows first, then the findings (LINT_ and the rule). */
    static void lint(List<ResolvedMigration> pending, LintOptions options, List<Issue> issues) {
        for (ResolvedMigration migration : pending) {
            if (migration.up() != null) {
                List<String> unknown = MigrationLinter.unknownRules(MigrationLinter.allowedRules(migration.up()));
                if (!unknown.isEmpty()) {
                    issues.add(Issue.error("LINT_UNKNOWN_RULE", "Migration " + migration.label() + " ("
                            + migration.script() + ") allows unknown lint rules " + unknown + ".", migration.version(),
                            migration.script()));
                }
            }
        }
        for (LintFinding finding : MigrationLinter.lint(pending, options)) {
            issues.add(finding.error() ? Issue.error("LINT_" + finding.rule().name(), finding.message(),
                    finding.version(), finding.script())
                    : Issue.warning("LINT_" + finding.rule().name(), finding.message(), finding.version(),
                            finding.script()));
        }
    }

    /** A {@code TARGET_BELOW_SCHEMA} warning when {@code msr.target} is below the schema version. */
    static void targetBelowSchema(@Nullable Version target, @Nullable Version schemaVersion, List<Issue> issues) {
        if (target != null && schemaVersion != null && target.isBelow(schemaVersion)) {
            issues.add(Issue.warning("TARGET_BELOW_SCHEMA", "The target version " + target
                    + " is below the schema version " + schemaVersion + ": migrate applies nothing above it. Use the"
                    + " down operation to revert.", null, null));
        }
    }
}
