package io.msr.execute;

import io.msr.Direction;
import io.msr.ExecutedMigration;
import io.msr.ExecutedMigration.Outcome;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.TransactionMode;
import io.msr.ValidationException;
import io.msr.dialect.Dialect;
import io.msr.history.HistoryState;
import io.msr.history.SchemaHistory;
import io.msr.internal.SqlErrors;
import io.msr.lock.LockLease;
import io.msr.plan.MigrationPlan;
import io.msr.plan.MigrationPlanner;
import io.msr.source.MigrationResolver;
import io.msr.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Applies pending migrations: resolve, connect, lock, read history, plan and validate, create the history table
 * when needed, then run each migration in the transaction mode's way, checking before each one that the lock is
 * still held. Validation failures change nothing in the database.
 */
final class MigrateOperation {

    private static final Logger log = LoggerFactory.getLogger(MigrateOperation.class);

    private final EngineContext context;
    private final MsrSettings settings;

    MigrateOperation(EngineContext context, MsrSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    OperationResult run() {
        RunRecorder recorder = new RunRecorder(Operation.MIGRATE, context.listener());
        try {
            MigrationResolver.Resolution resolution = context.resolveChecked(settings.strict());
            try (RunSession session = RunSession.open(context.connections(), settings);
                 LockLease lease = session.lock.acquire(settings.lockWaitTimeout(),
                         LockObservers.logging(context.listener()))) {
                return migrate(session, lease, resolution, recorder);
            }
        } catch (MsrException e) {
            log.error("Migrate failed: {}", e.getMessage());
            throw recorder.failure(e);
        }
    }

    private OperationResult migrate(RunSession session, LockLease lease, MigrationResolver.Resolution resolution,
            RunRecorder recorder) {
        Connection connection = session.connection;
        HistoryState history;
        boolean historyExists;
        try {
            historyExists = session.history.exists(connection);
            history = HistoryState.replay(session.history.readAll(connection));
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not read the history table " + session.history.qualifiedName(), e);
        }
        MigrationPlan plan = MigrationPlanner.plan(resolution.migrations(), resolution.issues(), history, settings,
                true);
        recorder.versions(history.schemaVersion(), history.schemaVersion());
        if (!plan.errors().isEmpty()) {
            throw new ValidationException(plan.errors());
        }
        recorder.warnings(plan.warnings());
        for (var warning : plan.warnings()) {
            log.warn(warning.message());
        }
        List<ResolvedMigration> pending = plan.pending();
        if (pending.isEmpty()) {
            log.info("Schema {} is up to date at version {}: nothing to migrate ({} ms)", session.schema,
                    versionText(history.schemaVersion()), recorder.elapsedMs());
            return recorder.success();
        }
        if (settings.dryRun()) {
            try {
                DryRun.rehearse(connection, lease, new MigrationExecutor(session.dialect),
                        new MigrationTimeouts(session.dialect, settings), pending, recorder, context.listener());
            } catch (SQLException e) {
                throw SqlErrors.outsideMigration("The dry run could not roll back", e);
            }
            recorder.note("Dry run: nothing was committed and no history was written; schema version stays "
                    + versionText(history.schemaVersion()));
            log.info("Dry run of schema {} finished in {} ms: {} migration(s) would apply; nothing was committed",
                    session.schema, recorder.elapsedMs(), pending.size());
            return recorder.success();
        }
        RunBackup backup = settings.rollbackStrategy().takesBackup()
                ? RunBackup.take(context.backup(), settings.backup().keep(), recorder) : null;
        try (SchemaHistory.Writer writer = session.history.writer(connection)) {
            Execution execution = new Execution(session.dialect, new MigrationExecutor(session.dialect),
                    new MigrationTimeouts(session.dialect, settings),
                    new RetryPolicy(session.dialect, settings.retryMaxAttempts()), writer,
                    new HistoryTable(session, historyExists));
            FailureRecovery recovery = new FailureRecovery(settings.rollbackStrategy(), settings.transactionMode(),
                    new DownRollback(new Reverter(settings, session.dialect, writer, context.listener())), backup);
            try {
                if (settings.transactionMode() == TransactionMode.PER_BATCH) {
                    runBatch(connection, lease, execution, pending, recorder);
                } else {
                    for (ResolvedMigration migration : pending) {
                        runOne(connection, lease, execution, migration, recorder);
                    }
                }
            } catch (MsrException failure) {
                throw recovery.recover(connection, lease, pending, recorder, failure);
            } catch (SQLException e) {
                throw recovery.recover(connection, lease, pending, recorder, historyWriteFailed(session, e));
            }
        } catch (SQLException e) {
            throw historyWriteFailed(session, e);
        }
        if (backup != null) {
            backup.discard(recorder);
        }
        log.info("Migrated schema {} from version {} to {}: applied {} migration(s) in {} ms", session.schema,
                versionText(recorder.versionBefore()), versionText(recorder.versionAfter()),
                recorder.succeededCount(), recorder.elapsedMs());
        return recorder.success();
    }

    private void runOne(Connection connection, LockLease lease, Execution execution, ResolvedMigration migration,
            RunRecorder recorder) throws SQLException {
        boolean transactional = migration.transactionalUp(settings.transactionMode());
        boolean repeatable = transactional || migration.directives(Direction.UP).idempotent();
        for (int attempt = 1; ; attempt++) {
            lease.ensureHeld();
            context.listener().migrationStarted(migration.version(), migration.description(), migration.script(),
                    Direction.UP);
            connection.setAutoCommit(!transactional);
            execution.history.createIfAbsent(connection);
            Set<String> invalidBefore = Set.of();
            if (!transactional) {
                // Committed before the work starts: if this process dies part-way, the next run knows.
                execution.writer.append(migration.version(), migration.description(), migration.type(),
                        migration.script(), migration.checksum(), HistoryOperation.STARTED, false, 0);
                invalidBefore = execution.dialect.invalidIndexes(connection);
            }
            long start = System.nanoTime();
            try {
                execution.timeouts.apply(connection, migration, Direction.UP, transactional);
                execution.executor.run(connection, migration, Direction.UP, transactional);
                long ms = elapsedMs(start);
                execution.writer.append(migration.version(), migration.description(), migration.type(),
                        migration.script(), migration.checksum(), HistoryOperation.UP, true, ms);
                if (transactional) {
                    connection.commit();
                }
                execution.history.committed();
                execution.timeouts.reset(connection, transactional);
                succeeded(migration, ms, recorder);
                return;
            } catch (MsrException e) {
                long ms = elapsedMs(start);
                if (transactional) {
                    Transactions.rollbackQuietly(connection, e);
                    execution.history.rolledBack();
                } else {
                    execution.history.committed();
                    Transactions.resetQuietly(() -> execution.timeouts.reset(connection, false), e);
                }
                if (execution.retry.retry(e, attempt, repeatable, "Migration V" + migration.version())) {
                    continue;
                }
                MsrException reported = transactional ? e
                        : InvalidIndexes.explain(e, invalidBefore, execution.dialect, connection);
                if (!transactional) {
                    recordFailure(execution.writer, migration, ms, reported);
                }
                throw failed(migration, ms, recorder, reported);
            }
        }
    }

    private void runBatch(Connection connection, LockLease lease, Execution execution, List<ResolvedMigration> pending,
            RunRecorder recorder) throws SQLException {
        connection.setAutoCommit(false);
        for (int attempt = 1; ; attempt++) {
            int mark = recorder.mark();
            ResolvedMigration current = null;
            long start = System.nanoTime();
            try {
                execution.history.createIfAbsent(connection);
                for (ResolvedMigration migration : pending) {
                    current = migration;
                    lease.ensureHeld();
                    context.listener().migrationStarted(migration.version(), migration.description(),
                            migration.script(), Direction.UP);
                    start = System.nanoTime();
                    execution.timeouts.apply(connection, migration, Direction.UP, true);
                    execution.executor.run(connection, migration, Direction.UP, true);
                    long ms = elapsedMs(start);
                    execution.writer.append(migration.version(), migration.description(), migration.type(),
                            migration.script(), migration.checksum(), HistoryOperation.UP, true, ms);
                    succeeded(migration, ms, recorder);
                    current = null;
                }
                lease.ensureHeld();
                connection.commit();
                execution.history.committed();
                return;
            } catch (MsrException e) {
                Transactions.rollbackQuietly(connection, e);
                execution.history.rolledBack();
                recorder.versionAfter(recorder.versionBefore());
                if (execution.retry.retry(e, attempt, true, "The batch of " + pending.size() + " migrations")) {
                    recorder.discardFrom(mark);
                    continue;
                }
                recorder.rollBackSucceeded();
                if (current != null) {
                    throw failed(current, elapsedMs(start), recorder, e);
                }
                throw e;
            } catch (SQLException e) {
                Transactions.rollbackQuietly(connection, e);
                recorder.rollBackSucceeded();
                recorder.versionAfter(recorder.versionBefore());
                throw e;
            }
        }
    }

    private void succeeded(ResolvedMigration migration, long ms, RunRecorder recorder) {
        ExecutedMigration done = new ExecutedMigration(migration.version(), migration.description(), migration.type(),
                migration.script(), Direction.UP, Outcome.SUCCEEDED, ms);
        recorder.executed(done);
        Long after = recorder.versionAfter();
        recorder.versionAfter(after == null ? migration.version() : Math.max(after, migration.version()));
        log.info("Applied V{} \"{}\" ({}) in {} ms", migration.version(), migration.description(), migration.type(), ms);
        context.listener().migrationSucceeded(done);
    }

    private MsrException failed(ResolvedMigration migration, long ms, RunRecorder recorder, MsrException error) {
        ExecutedMigration failed = new ExecutedMigration(migration.version(), migration.description(),
                migration.type(), migration.script(), Direction.UP, Outcome.FAILED, ms);
        recorder.executed(failed);
        context.listener().migrationFailed(failed, error);
        return error;
    }

    private static void recordFailure(SchemaHistory.Writer writer, ResolvedMigration migration, long ms,
            MsrException error) {
        try {
            writer.append(migration.version(), migration.description(), migration.type(), migration.script(),
                    migration.checksum(), HistoryOperation.UP, false, ms);
        } catch (SQLException e) {
            error.addSuppressed(e);
            log.error("Could not record the failure of V{} in the history table ({}); check the database by hand"
                    + " before the next run", migration.version(), e.getMessage());
        }
    }

    private static MsrException historyWriteFailed(RunSession session, SQLException e) {
        return SqlErrors.outsideMigration("Could not write to the history table " + session.history.qualifiedName(), e);
    }

    /** What running migrations needs besides the connection, made once per run. */
    private record Execution(Dialect dialect, MigrationExecutor executor, MigrationTimeouts timeouts,
            RetryPolicy retry, SchemaHistory.Writer writer, HistoryTable history) {
    }

    static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static String versionText(Long version) {
        return version == null ? "<none>" : "V" + version;
    }
}
