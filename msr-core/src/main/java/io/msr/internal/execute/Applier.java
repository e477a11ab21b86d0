package io.msr.internal.execute;

import io.msr.Version;
import io.msr.Direction;
import io.msr.ExecutedMigration.Outcome;
import io.msr.ExecutedMigration;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.TransactionMode;
import io.msr.internal.backup.RunFootprint;
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
import java.util.List;
import java.util.Set;

/**
 * Applies up migrations with their history rows, in the transaction mode's way: each in its own transaction
 * (or outside one when it opts out), or all in one batch transaction. The lock is checked before each migration,
 * transient failures are retried as {@link RetryPolicy} allows, and the history table is created together with
 * the first migration.
 *
 * <p>Contract: every method throws only {@link MsrException}. Whatever fails (a statement, a history row, the
 * COMMIT itself), the migration's transaction is rolled back before the error leaves, so the caller's recovery
 * always starts on a connection with no transaction open; the failure is recorded in the {@link RunRecorder} and
 * the listener hears of it. An error raised at COMMIT (a deferred constraint, a serialization failure) is the
 * migration's failure, naming its version and file.
 */
public final class Applier {

    private static final Logger log = LoggerFactory.getLogger(Applier.class);

    private final TransactionMode mode;
    private final Dialect dialect;
    private final MigrationExecutor executor;
    private final MigrationTimeouts timeouts;
    private final RetryPolicy retry;
    private final UpHistoryRows rows;
    private final HistoryTableCreation table;
    private final MigrationListener listener;
    private final RunFootprint footprint;

    /**
     * @param settings the settings (transaction mode, timeouts, retries)
     * @param dialect  the database's dialect
     * @param history  the history table
     * @param writer   appends history rows on the migration connection
     * @param table    creates the history table with the first migration
     * @param listener hears of each migration
     */
    public Applier(MsrSettings settings, Dialect dialect, SchemaHistory history, HistoryWriter writer,
            HistoryTableCreation table, MigrationListener listener) {
        this(settings, dialect, history, writer, table, listener, RunFootprint.untracked());
    }

    /**
     * As {@link #Applier(MsrSettings, Dialect, SchemaHistory, HistoryWriter, HistoryTableCreation, MigrationListener)},
     * recording in {@code footprint} the objects each migration writes, for a rollback by backup.
     */
    public Applier(MsrSettings settings, Dialect dialect, SchemaHistory history, HistoryWriter writer,
            HistoryTableCreation table, MigrationListener listener, RunFootprint footprint) {
        this.footprint = footprint;
        this.mode = settings.transactionMode();
        this.dialect = dialect;
        this.executor = new MigrationExecutor(dialect, settings, history);
        this.timeouts = new MigrationTimeouts(dialect, settings);
        this.retry = new RetryPolicy(dialect, settings.retryMaxAttempts());
        this.rows = new UpHistoryRows(history, writer, executor);
        this.table = table;
        this.listener = listener;
    }

    /** Applies the migrations one after another, each committed with its history row before the next starts. */
    public void applyEach(Connection connection, LockLease lease, List<ResolvedMigration> pending,
            RunRecorder recorder) {
        for (ResolvedMigration migration : pending) {
            applyOne(connection, lease, migration, recorder);
        }
    }

    /** Applies the migrations in one transaction: all of them are committed, or none. */
    public void applyBatch(Connection connection, LockLease lease, List<ResolvedMigration> pending,
            RunRecorder recorder) {
        for (int attempt = 1; ; attempt++) {
            int mark = recorder.mark();
            ResolvedMigration current = null;
            long start = System.nanoTime();
            try {
                autoCommit(connection, false);
                table.createIfAbsent(connection);
                for (ResolvedMigration migration : pending) {
                    current = migration;
                    String heldCondition = lease.heldCondition();
                    if (heldCondition == null) {
                        lease.ensureHeld();
                    }
                    listener.migrationStarted(migration.version(), migration.description(), migration.script(),
                            Direction.UP);
                    start = System.nanoTime();
                    SQLException rejected = timeouts.applyCheckingLock(connection, lease, migration, Direction.UP,
                            true, heldCondition);
                    if (rejected != null) {
                        throw executor.failure(migration, Direction.UP, true, "while setting its timeouts", rejected);
                    }
                    executor.run(connection, migration, Direction.UP, true);
                    long ms = Versions.elapsedMs(start);
                    rows.applied(migration, ms);
                    succeeded(migration, ms, recorder);
                    current = null;
                }
                lease.ensureHeld();
                recordFootprint(connection, pending.get(pending.size() - 1));
                try {
                    connection.commit();
                } catch (SQLException e) {
                    // The last migration's success was premature: the batch failed as a whole at its COMMIT.
                    current = pending.get(pending.size() - 1);
                    recorder.discardFrom(recorder.mark() - 1);
                    throw executor.failure(current, Direction.UP, true, "at COMMIT of the batch of "
                            + pending.size() + " migrations (" + pending.get(0).label() + " to "
                            + current.label() + "; a deferred check may come from any of them)", e);
                }
                table.committed();
                return;
            } catch (MsrException e) {
                Transactions.rollbackQuietly(connection, e);
                table.rolledBack();
                recorder.versionAfter(recorder.versionBefore());
                if (retry.retry(e, attempt, true, "The batch of " + pending.size() + " migrations")) {
                    recorder.discardFrom(mark);
                    continue;
                }
                recorder.rollBackSucceeded();
                if (current != null) {
                    throw failed(current, Versions.elapsedMs(start), recorder, e);
                }
                throw e;
            }
        }
    }

    private void applyOne(Connection connection, LockLease lease, ResolvedMigration migration, RunRecorder recorder) {
        boolean transactional = migration.transactionalUp(mode);
        boolean repeatable = transactional || migration.directives(Direction.UP).idempotent();
        for (int attempt = 1; ; attempt++) {
            // The lock check and the timeouts ride on the round trip that opens the transaction, but only once the
            // history table exists: what comes before a migration's own work (creating the table, recording the
            // start of a migration outside a transaction) never waits with the migration's lock timeout.
            boolean early = transactional && table.exists();
            SQLException rejected = null;
            if (early) {
                rejected = begin(connection, lease, migration);
            } else {
                lease.ensureHeld();
            }
            listener.migrationStarted(migration.version(), migration.description(), migration.script(),
                    Direction.UP);
            long start = System.nanoTime();
            Set<String> invalidBefore = Set.of();
            try {
                if (!early) {
                    autoCommit(connection, !transactional);
                    table.createIfAbsent(connection);
                    if (!transactional) {
                        // Committed before the work starts: if this process dies part-way, the next run knows.
                        rows.started(migration);
                        invalidBefore = InvalidIndexes.present(dialect, connection);
                        startFootprint(connection, migration);
                    }
                    start = System.nanoTime();
                    rejected = timeouts.applyCheckingLock(connection, lease, migration, Direction.UP, transactional,
                            null);
                }
                if (rejected != null) {
                    throw executor.failure(migration, Direction.UP, transactional, "while setting its timeouts",
                            rejected);
                }
                executor.run(connection, migration, Direction.UP, transactional);
                long ms = Versions.elapsedMs(start);
                if (transactional) {
                    recordFootprint(connection, migration);
                    rows.appliedAndCommit(migration, ms);
                } else {
                    footprint.outsideTransactionEnded(connection);
                    rows.applied(migration, ms);
                }
                table.committed();
                resetTimeouts(connection, migration, transactional);
                succeeded(migration, ms, recorder);
                return;
            } catch (MsrException e) {
                long ms = Versions.elapsedMs(start);
                if (transactional) {
                    Transactions.rollbackQuietly(connection, e);
                    table.rolledBack();
                } else {
                    table.committed();
                    footprint.outsideTransactionEnded(connection);
                    Transactions.resetQuietly(() -> dialect.resetTimeouts(connection), e);
                }
                if (retry.retry(e, attempt, repeatable, "Migration " + migration.label())) {
                    continue;
                }
                MsrException reported = transactional ? e
                        : InvalidIndexes.explain(e, invalidBefore, dialect, connection);
                if (!transactional) {
                    rows.failed(migration, ms, reported);
                }
                throw failed(migration, ms, recorder, reported);
            }
        }
    }

    /**
     * Opens a transactional migration's transaction before it starts with, in one round trip, its timeouts and the
     * lock check (the driver sends the BEGIN along). When the lock is lost, rolls back and throws, so the migration
     * never starts. When the database rejects the timeouts, returns its error, for the migration to fail with once
     * started.
     */
    private @Nullable SQLException begin(Connection connection, LockLease lease, ResolvedMigration migration) {
        String heldCondition = lease.heldCondition();
        if (heldCondition == null) {
            lease.ensureHeld();
        }
        autoCommit(connection, false);
        return timeouts.applyCheckingLock(connection, lease, migration, Direction.UP, true, heldCondition);
    }

    /** Records what the open transaction wrote, for a rollback by backup; a failure is the migration's. */
    private void recordFootprint(Connection connection, ResolvedMigration migration) {
        try {
            footprint.beforeCommit(connection);
        } catch (SQLException e) {
            throw executor.failure(migration, Direction.UP, true, "while listing the objects it wrote for"
                    + " msr.rollback-strategy", e);
        }
    }

    private void startFootprint(Connection connection, ResolvedMigration migration) {
        try {
            footprint.outsideTransactionStarting(connection);
        } catch (SQLException e) {
            throw executor.failure(migration, Direction.UP, false, "while listing the objects present before it for"
                    + " msr.rollback-strategy", e);
        }
    }

    private void resetTimeouts(Connection connection, ResolvedMigration migration, boolean transactional) {
        try {
            timeouts.reset(connection, transactional);
        } catch (SQLException e) {
            String which = migration.version() == null ? "" : "V" + migration.version() + " ";
            throw SqlErrors.outsideMigration("Could not reset the session timeouts after " + which + "("
                    + migration.script() + ")", e);
        }
    }

    private static void autoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not prepare the migration connection", e);
        }
    }

    private void succeeded(ResolvedMigration migration, long ms, RunRecorder recorder) {
        ExecutedMigration done = new ExecutedMigration(migration.version(), migration.description(), migration.type(),
                migration.script(), Direction.UP, Outcome.SUCCEEDED, ms, migration.phase());
        recorder.executed(done);
        Version after = recorder.versionAfter();
        if (!migration.repeatable() && (after == null || migration.version().isAbove(after))) {
            recorder.versionAfter(migration.version());
        }
        log.info("Applied {} \"{}\" ({}) in {} ms", migration.label(), migration.description(), migration.type(), ms);
        listener.migrationSucceeded(done);
    }

    private MsrException failed(ResolvedMigration migration, long ms, RunRecorder recorder, MsrException error) {
        ExecutedMigration failed = new ExecutedMigration(migration.version(), migration.description(),
                migration.type(), migration.script(), Direction.UP, Outcome.FAILED, ms, migration.phase());
        recorder.executed(failed);
        listener.migrationFailed(failed, error);
        return error;
    }
}
