package io.msr.internal.operation;

import io.msr.MsrSettings;
import io.msr.internal.plan.MigrationPlan;
import io.msr.internal.plan.MigrationPlanner;
import io.msr.internal.source.MigrationResolver;

/**
 * The one way operations plan (migrate, under the lock and before it; validate; info): against the history as read,
 * or as the first migrate will leave it when it adopts another tool's history or records Liquibase's baseline; with
 * the problems found in the files, in the history and in the schema before the first run; for the connected
 * server's PostgreSQL version.
 */
final class Planning {

    private Planning() {
    }

    /**
     * Plans {@code resolution} against {@code history}.
     *
     * @param firstRun  what the session found while the history table does not exist yet
     * @param underLock whether the caller holds the migration lock, or plans as if it did
     */
    static MigrationPlan plan(RunSession session, HistorySnapshot history, FirstRun firstRun,
            MigrationResolver.Resolution resolution, MsrSettings settings, boolean underLock) {
        return MigrationPlanner.plan(resolution.migrations(), firstRun.issues(history.issues(resolution)),
                firstRun.plannedState(history.plannedState(resolution.migrations())), settings, underLock,
                session.serverMajorVersion());
    }
}
