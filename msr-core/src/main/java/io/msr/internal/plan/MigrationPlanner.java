package io.msr.internal.plan;

import io.msr.Issue;
import io.msr.MigrationState;
import io.msr.MsrSettings;
import io.msr.TransactionMode;
import io.msr.Version;
import io.msr.internal.history.HistoryState;
import io.msr.internal.lint.LintOptions;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

/**
 * Compares resolved migrations with the applied history and the settings, and returns the plan: pure, no
 * database, no clock. Every rule that can block a run lives in this package, so it can be tested without a database;
 * {@link #plan(List, List, HistoryState, MsrSettings, boolean, Integer)} reads as the list of checks, in the order
 * their problems are reported.
 */
public final class MigrationPlanner {

    private MigrationPlanner() {
    }

    /**
     * Plans a migrate run, as {@link #plan(List, List, HistoryState, MsrSettings, boolean, Integer)} without the lock
     * and for the newest supported PostgreSQL.
     */
    public static MigrationPlan plan(List<ResolvedMigration> resolved, List<Issue> resolutionIssues,
            HistoryState history, MsrSettings settings) {
        return plan(resolved, resolutionIssues, history, settings, false, null);
    }

    /**
     * Plans a migrate run.
     *
     * @param resolved         the resolved migrations, sorted by version (duplicates included)
     * @param resolutionIssues problems found before planning (while resolving files, while reading the history)
     * @param history          the replayed history
     * @param settings         the settings (target, out-of-order, strict, down policy, transaction mode, lint, phase)
     * @param underLock        whether the caller holds the migration lock, so a migration that started outside a
     *                         transaction and never finished was interrupted (its runner died) rather than running now
     * @param serverVersion    the connected server's PostgreSQL major version, which the lint's version-aware rules
     *                         assume unless {@code msr.lint.postgres-version} is set (null: the newest supported)
     */
    public static MigrationPlan plan(List<ResolvedMigration> resolved, List<Issue> resolutionIssues,
            HistoryState history, MsrSettings settings, boolean underLock, @Nullable Integer serverVersion) {
        PlanDraft draft = new PlanDraft(resolutionIssues);
        Map<Version, ResolvedMigration> versioned = DuplicateVersions.firstOfEach(resolved, draft.issues());

        VersionedStates states = new VersionedStates(history, settings, underLock, draft);
        versioned.values().forEach(states::plan);

        Version earliest = versioned.isEmpty() ? null : versioned.keySet().iterator().next();
        Version latest = last(versioned);
        MissingFiles missing = new MissingFiles(history, versioned.keySet(), earliest, latest, draft);
        missing.interrupted(underLock);
        missing.failed();
        missing.applied();
        if (history.baseline() != null) {
            draft.state(history.baseline(), MigrationState.APPLIED);
        }

        Repeatables.plan(resolved, history, draft);

        if (settings.transactionMode() == TransactionMode.PER_BATCH) {
            PendingChecks.nonTransactionalInBatch(draft.pending(), draft.issues());
        }
        if (settings.lint().enabled()) {
            PendingChecks.lint(draft.pending(), LintOptions.of(settings, serverVersion), draft.issues());
        }
        PendingChecks.targetBelowSchema(settings.target(), history.schemaVersion(), draft.issues());

        PhaseFilter.Split phases = PhaseFilter.split(draft.pending(), settings.phase(), draft.issues());
        return draft.plan(phases, settings.strict(), history.schemaVersion(), latest);
    }

    /**
     * Returns the versioned migrations by version, in version order, keeping the first of each version and adding
     * an error that names both files for every duplicate. Repeatable migrations are left out.
     */
    public static Map<Version, ResolvedMigration> uniqueByVersion(List<ResolvedMigration> resolved, List<Issue> issues) {
        return DuplicateVersions.firstOfEach(resolved, issues);
    }

    /**
     * Returns an error for each migration that failed or was interrupted outside a transaction and awaits a repair:
     * nothing may run while one is unresolved.
     */
    public static List<Issue> unresolvedFailures(HistoryState history) {
        return UnresolvedFailures.of(history);
    }

    private static @Nullable Version last(Map<Version, ResolvedMigration> versioned) {
        Version last = null;
        for (Version version : versioned.keySet()) {
            last = version;
        }
        return last;
    }
}
