package io.msr.execute;

import io.msr.Direction;
import io.msr.ExecutedMigration;
import io.msr.ExecutedMigration.Outcome;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.dialect.Dialect;
import io.msr.event.MigrationListener;
import io.msr.history.SchemaHistory;
import io.msr.lock.LockLease;
import io.msr.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one down migration under the lock, in a transaction unless its down script opts out, and records a DOWN
 * row: successful, or failed when it ran outside a transaction. Shared by the down operation and by migrate's
 * rollback strategy.
 */
final class Reverter {

    private static final Logger log = LoggerFactory.getLogger(Reverter.class);

    private final MsrSettings settings;
    private final MigrationExecutor executor;
    private final MigrationTimeouts timeouts;
    private final SchemaHistory.Writer writer;
    private final MigrationListener listener;

    Reverter(MsrSettings settings, Dialect dialect, SchemaHistory.Writer writer, MigrationListener listener) {
        this.settings = settings;
        this.executor = new MigrationExecutor(dialect);
        this.timeouts = new MigrationTimeouts(dialect, settings);
        this.writer = writer;
        this.listener = listener;
    }

    /** Reverts the migration; throws the failure after recording it. */
    ExecutedMigration revert(Connection connection, LockLease lease, ResolvedMigration migration, RunRecorder recorder)
            throws SQLException {
        lease.ensureHeld();
        boolean transactional = migration.transactionalDown(settings.transactionMode());
        String script = migration.down() != null ? migration.down().file().path() : migration.script();
        listener.migrationStarted(migration.version(), migration.description(), script, Direction.DOWN);
        connection.setAutoCommit(!transactional);
        long start = System.nanoTime();
        try {
            timeouts.apply(connection, migration, Direction.DOWN, transactional);
            executor.run(connection, migration, Direction.DOWN, transactional);
            timeouts.reset(connection, transactional);
            long ms = MigrateOperation.elapsedMs(start);
            writer.append(migration.version(), migration.description(), migration.type(), script,
                    migration.down() != null ? migration.down().checksum() : migration.checksum(),
                    HistoryOperation.DOWN, true, ms);
            if (transactional) {
                connection.commit();
            }
            ExecutedMigration done = new ExecutedMigration(migration.version(), migration.description(),
                    migration.type(), script, Direction.DOWN, Outcome.SUCCEEDED, ms);
            recorder.executed(done);
            log.info("Reverted V{} \"{}\" ({}) in {} ms", migration.version(), migration.description(),
                    migration.type(), ms);
            listener.migrationSucceeded(done);
            return done;
        } catch (MsrException e) {
            long ms = MigrateOperation.elapsedMs(start);
            if (transactional) {
                Transactions.rollbackQuietly(connection, e);
            } else {
                try {
                    writer.append(migration.version(), migration.description(), migration.type(), script, null,
                            HistoryOperation.DOWN, false, ms);
                } catch (SQLException recordError) {
                    e.addSuppressed(recordError);
                }
            }
            ExecutedMigration failed = new ExecutedMigration(migration.version(), migration.description(),
                    migration.type(), script, Direction.DOWN, Outcome.FAILED, ms);
            recorder.executed(failed);
            listener.migrationFailed(failed, e);
            throw e;
        }
    }
}
