package io.msr.internal.plan;

import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MigrationState;
import io.msr.internal.history.HistoryState;
import io.msr.internal.source.ResolvedMigration;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans the repeatable migrations, after every versioned one and in description order: the check that no two share
 * a description, then each one's state: one never applied, or whose checksum differs from the last one applied, is
 * pending (OUTDATED when it was applied before). Pure.
 */
final class Repeatables {

    private Repeatables() {
    }

    static void plan(List<ResolvedMigration> resolved, HistoryState history, PlanDraft draft) {
        Map<String, ResolvedMigration> byDescription = new TreeMap<>();
        for (ResolvedMigration migration : resolved) {
            if (!migration.repeatable()) {
                continue;
            }
            ResolvedMigration first = byDescription.putIfAbsent(migration.description(), migration);
            if (first != null) {
                draft.issue(Issue.error("DUPLICATE_REPEATABLE", "Repeatable migration '" + migration.description()
                        + "' is defined twice: " + first.displayName() + " and " + migration.displayName()
                        + ". Give one of them another description.", null, migration.script()));
            }
        }
        for (ResolvedMigration migration : byDescription.values()) {
            HistoryEntry last = history.repeatables().get(migration.description());
            MigrationState state;
            if (last == null) {
                state = MigrationState.PENDING;
            } else if (migration.checksum() != null && !migration.checksum().equals(last.checksum())) {
                state = MigrationState.OUTDATED;
            } else {
                state = MigrationState.APPLIED;
            }
            if (state != MigrationState.APPLIED) {
                draft.pending(migration);
            }
            draft.state(migration, state, last);
        }
    }
}
