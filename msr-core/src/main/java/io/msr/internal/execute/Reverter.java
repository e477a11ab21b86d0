package io.msr.internal.execute;

import io.msr.Direction;
import io.msr.ExecutedMigration.Outcome;
import io.msr.ExecutedMigration;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.history.table.HistoryWriter;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.lock.LockLease;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one down migration under the lock, in a transaction unless its down script opts out, and records a DOWN
 * row: successful, or failed when it ran outside a transaction (the migration then counts as failed until
 * repaired). Shared by the down operation and by migrate's rollback strategy.
 *
 * <p>Contract: {@link #revert} throws only {@link MsrException}; an error at COMMIT is the down migration's
 * failure, and a transaction is always rolled back before the error leaves.
 */
public final class Reverter {

    private static final Logger log = LoggerFactory.getLogger(Reverter.class);

    private final MsrSettings settings;
    private final Dialect dialect;
    private final MigrationExecutor executor;
    private final MigrationTimeouts timeouts;
    private final SchemaHistory history;
    private final HistoryWriter writer;
    private final MigrationListener listener;

    /**
     * @param settings the settings (transaction mode, timeouts)
     * @param dialect  the database's dialect
     * @param history  the history table
     * @param writer   appends history rows on the migration connection
     * @param listener hears of each down migration
     */
    public Reverter(MsrSettings settings, Dialect dialect, SchemaHistory history, HistoryWriter writer,
            MigrationListener listener) {
        this.settings = settings;
        this.dialect = dialect;
        this.executor = new MigrationExecutor(dialect, settings, history);
        this.timeouts = new MigrationTimeouts(dialect, settings);
        this.history = history;
        this.writer = writer;
        this.listener = listener;
    }

    /** Reverts the migration and returns what ran; throws the failure after recording it. */
    public ExecutedMigration revert(Connection connection, LockLease lease, ResolvedMigration migration,
            RunRecorder recorder) {
        lease.ensureHeld();
        boolean transactional = migration.transactionalDown(settings.transactionMode());
        String script = migration.down() != null ? migration.down().file().path() : migration.script();
        listener.migrationStarted(migration.version(), migration.description(), script, Direction.DOWN);
        long start = System.nanoTime();
        try {
            try {
                connection.setAutoCommit(!transactional);
                timeouts.apply(connection, migration, Direction.DOWN, transactional);
            } catch (SQLException e) {
                throw executor.failure(migration, Direction.DOWN, transactional, "while preparing to run", e);
            }
            executor.run(connection, migration, Direction.DOWN, transactional);
            long ms = Versions.elapsedMs(start);
            append(migration, script, migration.down() != null ? migration.down().checksum() : migration.checksum(),
                    true, ms);
            if (transactional) {
                try {
                    connection.commit();
                } catch (SQLException e) {
                    throw executor.failure(migration, Direction.DOWN, true, "at COMMIT", e);
                }
            } else {
                try {
                    timeouts.reset(connection, false);
                } catch (SQLException e) {
                    throw SqlErrors.outsideMigration("Could not reset the session timeouts after reverting V"
                            + migration.version(), e);
                }
            }
            ExecutedMigration done = new ExecutedMigration(migration.version(), migration.description(),
                    migration.type(), script, Direction.DOWN, Outcome.SUCCEEDED, ms, migration.phase());
            recorder.executed(done);
            log.info("Reverted V{} \"{}\" ({}) in {} ms", migration.version(), migration.description(),
                    migration.type(), ms);
            listener.migrationSucceeded(done);
            return done;
        } catch (MsrException e) {
            long ms = Versions.elapsedMs(start);
            if (transactional) {
                Transactions.rollbackQuietly(connection, e);
            } else {
                Transactions.resetQuietly(() -> dialect.resetTimeouts(connection), e);
                try {
                    writer.append(migration.version(), migration.description(), migration.type(), script, null,
                            HistoryOperation.DOWN, false, ms);
                } catch (SQLException recordError) {
                    e.addSuppressed(recordError);
                }
            }
            ExecutedMigration failed = new ExecutedMigration(migration.version(), migration.description(),
                    migration.type(), script, Direction.DOWN, Outcome.FAILED, ms, migration.phase());
            recorder.executed(failed);
            listener.migrationFailed(failed, e);
            throw e;
        }
    }

    private void append(ResolvedMigration migration, String script, @Nullable String checksum, boolean success,
            long ms) {
        try {
            writer.append(migration.version(), migration.description(), migration.type(), script, checksum,
                    HistoryOperation.DOWN, success, ms);
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not write the history row of V" + migration.version()
                    + " to " + history.qualifiedName(), e);
        }
    }
}
