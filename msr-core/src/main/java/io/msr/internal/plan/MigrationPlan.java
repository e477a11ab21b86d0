package io.msr.internal.plan;

import io.msr.Version;
import io.msr.Issue;
import io.msr.MigrationInfo;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of planning: what to apply, in order, every migration's state, and what validation found.
 *
 * @param pending       the migrations to apply, in version order (out-of-order ones included when allowed)
 * @param deferred      the pending migrations this run leaves for the post-deploy run ({@code msr.phase}), in order
 * @param migrations    every resolved or applied migration with its state, by version
 * @param issues        errors and warnings, strict mode already applied
 * @param schemaVersion the highest applied version, or null
 * @param latestVersion the highest resolved version, or null
 */
public record MigrationPlan(List<ResolvedMigration> pending, List<ResolvedMigration> deferred,
        List<MigrationInfo> migrations, List<Issue> issues,
        @Nullable Version schemaVersion, @Nullable Version latestVersion) {

    /** Copies the lists. */
    public MigrationPlan {
        pending = List.copyOf(pending);
        deferred = List.copyOf(deferred);
        migrations = List.copyOf(migrations);
        issues = List.copyOf(issues);
    }

    /** Returns the errors. */
    public List<Issue> errors() {
        List<Issue> errors = new ArrayList<>();
        for (Issue issue : issues) {
            if (issue.isError()) {
                errors.add(issue);
            }
        }
        return errors;
    }

    /** Returns the warnings. */
    public List<Issue> warnings() {
        List<Issue> warnings = new ArrayList<>();
        for (Issue issue : issues) {
            if (!issue.isError()) {
                warnings.add(issue);
            }
        }
        return warnings;
    }
}
