package io.msr.internal.plan;

import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MigrationInfo;
import io.msr.MigrationState;
import io.msr.Version;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plan while the planner's checks fill it in, in the planner's order: the problems found, the migrations to
 * apply and every migration's state. One per planning call; {@link #plan} turns it into the {@link MigrationPlan}.
 */
final class PlanDraft {

    private final List<Issue> issues;
    private final List<ResolvedMigration> pending = new ArrayList<>();
    private final List<MigrationInfo> infos = new ArrayList<>();

    /** Starts with the problems found before planning (while resolving the files, while reading the history). */
    PlanDraft(List<Issue> earlierIssues) {
        this.issues = new ArrayList<>(earlierIssues);
    }

    /** The problems so far, in the order found; checks add theirs here. */
    List<Issue> issues() {
        return issues;
    }

    /** The migrations to apply so far, in order. */
    List<ResolvedMigration> pending() {
        return pending;
    }

    void issue(Issue issue) {
        issues.add(issue);
    }

    void pending(ResolvedMigration migration) {
        pending.add(migration);
    }

    /** Records the state of a resolved migration, with its history row when it has one. */
    void state(ResolvedMigration migration, MigrationState state, @Nullable HistoryEntry row) {
        infos.add(new MigrationInfo(migration.version(), migration.description(), migration.type(),
                migration.script(), state, migration.checksum(), row == null ? null : row.checksum(),
                migration.hasDown(), row == null || state == MigrationState.FAILED ? null : row.installedOn(),
                row == null ? null : row.installedBy(), row == null ? null : row.executionTimeMs(),
                migration.phase()));
    }

    /** Records the state of a migration known only from its history row. */
    void state(HistoryEntry row, MigrationState state) {
        infos.add(new MigrationInfo(row.version(), row.description(), row.type(), row.script(), state, null,
                row.checksum(), false, state == MigrationState.FAILED ? null : row.installedOn(), row.installedBy(),
                row.executionTimeMs()));
    }

    /**
     * The plan: the states by version (repeatable migrations last, by description); the errors first, then the
     * warnings, which strict mode turns into errors; each group in the order found.
     */
    MigrationPlan plan(PhaseFilter.Split phases, boolean strict, @Nullable Version schemaVersion,
            @Nullable Version latestVersion) {
        List<MigrationInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparing(MigrationInfo::version, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MigrationInfo::description));
        return new MigrationPlan(phases.selected(), phases.deferred(), sorted, strictOrdered(strict), schemaVersion,
                latestVersion);
    }

    private List<Issue> strictOrdered(boolean strict) {
        List<Issue> result = new ArrayList<>();
        for (Issue issue : issues) {
            if (issue.isError()) {
                result.add(issue);
            }
        }
        for (Issue issue : issues) {
            if (!issue.isError()) {
                result.add(strict ? issue.asError() : issue);
            }
        }
        return result;
    }
}
