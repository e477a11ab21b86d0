package io.msr.internal.execute;

import io.msr.Direction;
import io.msr.ExecutedMigration.Outcome;
import io.msr.ExecutedMigration;
import io.msr.MigrationFailedException;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.lock.LockLease;
import io.msr.internal.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A rehearsal of a migrate run: every pending migration that may run in a transaction runs, in version order,
 * inside one transaction that is always rolled back, whatever the transaction mode; migrations that must run
 * outside a transaction are listed as not executed. It never commits, never writes history and never creates
 * the history table. A failure is reported as the real run would report it.
 */
public final class DryRun {

    private static final Logger log = LoggerFactory.getLogger(DryRun.class);

    private DryRun() {
    }

    /**
     * Rehearses the pending migrations and records each as DRY_RUN, SKIPPED or FAILED; throws the failure as the
     * real run would report it. Throws {@link SQLException} only when the transaction cannot be opened or rolled
     * back.
     */
    public static void rehearse(Connection connection, LockLease lease, Dialect dialect, SchemaHistory history,
            MsrSettings settings, List<ResolvedMigration> pending, RunRecorder recorder, MigrationListener listener)
            throws SQLException {
        MigrationExecutor executor = new MigrationExecutor(dialect, settings, history);
        MigrationTimeouts timeouts = new MigrationTimeouts(dialect, settings);
        connection.setAutoCommit(false);
        try {
            for (ResolvedMigration migration : pending) {
                if (migration.declaresNonTransactional()) {
                    recorder.executed(new ExecutedMigration(migration.version(), migration.description(),
                            migration.type(), migration.script(), Direction.UP, Outcome.SKIPPED, 0,
                            migration.phase()));
                    recorder.note(migration.label() + " (" + migration.script() + ") runs outside a"
                            + " transaction, so it was not executed in the dry run");
                    continue;
                }
                lease.ensureHeld();
                listener.migrationStarted(migration.version(), migration.description(), migration.script(),
                        Direction.UP);
                long start = System.nanoTime();
                try {
                    try {
                        timeouts.apply(connection, migration, Direction.UP, true);
                    } catch (SQLException e) {
                        throw executor.failure(migration, Direction.UP, true, "while setting its timeouts", e);
                    }
                    executor.run(connection, migration, Direction.UP, true);
                } catch (MsrException e) {
                    long ms = Versions.elapsedMs(start);
                    ExecutedMigration failed = new ExecutedMigration(migration.version(), migration.description(),
                            migration.type(), migration.script(), Direction.UP, Outcome.FAILED, ms, migration.phase());
                    recorder.executed(failed);
                    MsrException reported = e instanceof MigrationFailedException
                            ? new MigrationFailedException("Dry run: " + e.getMessage().replace(
                                    " Its transaction was rolled back, so none of its changes remain.", "")
                                    + " Nothing was committed.", e.version().orElse(null), e.script().orElse(null),
                                    e.line().orElse(null), e.sqlState().orElse(null), null)
                            : e;
                    listener.migrationFailed(failed, reported);
                    throw reported;
                }
                long ms = Versions.elapsedMs(start);
                ExecutedMigration rehearsed = new ExecutedMigration(migration.version(), migration.description(),
                        migration.type(), migration.script(), Direction.UP, Outcome.DRY_RUN, ms, migration.phase());
                recorder.executed(rehearsed);
                log.info("Dry run: {} \"{}\" ({}) would apply ({} ms, rolled back)", migration.label(),
                        migration.description(), migration.type(), ms);
                listener.migrationSucceeded(rehearsed);
            }
        } finally {
            connection.rollback();
        }
    }
}
