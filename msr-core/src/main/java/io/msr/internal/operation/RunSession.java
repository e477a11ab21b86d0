package io.msr.internal.operation;

import io.msr.AdoptFrom;
import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MigrationNaming;
import io.msr.IsolationLevel;
import io.msr.LockStatus;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.internal.adopt.Adoption;
import io.msr.internal.adopt.AdoptableHistory;
import io.msr.internal.adopt.FlywayAdoption;
import io.msr.internal.adopt.FlywayHistory;
import io.msr.internal.adopt.ForeignHistory;
import io.msr.internal.execute.Placeholders;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.dialect.Dialects;
import io.msr.internal.dialect.SessionState;
import io.msr.internal.history.HistoryState;
import io.msr.internal.history.SchemaHistory;
import io.msr.internal.jdbc.RunnerIdentity;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.LockLease;
import io.msr.internal.lock.LockObserver;
import io.msr.internal.lock.MigrationLock;
import io.msr.internal.lock.NoMigrationLock;
import io.msr.internal.plan.EmptyLocations;
import io.msr.internal.source.MigrationResolver;
import io.msr.internal.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One operation's connection to the database: the migration connection, the dialect, the history table and the
 * lock, found once at the start. Closing it rolls back anything left open and closes the migration connection.
 */
final class RunSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunSession.class);

    final Connection connection;
    final Dialect dialect;
    final String schema;
    final SchemaHistory history;
    final MigrationLock lock;
    private final LockKey lockKey;
    private final boolean locking;
    private final SessionState borrowed;
    private final AdoptFrom adoptFrom;
    private final String adoptTable;
    private final MsrSettings settings;
    private final DatabaseFacts facts;
    private AutoCloseable stoppable = () -> { };

    /**
     * What the history table held when the operation read it.
     *
     * @param exists whether the table exists
     * @param rows   every row, oldest first; empty when the table does not exist
     * @param state   the rows replayed
     * @param foreign another tool's history to adopt ({@code msr.adopt-from}), read only while MSR's table does not
     *                exist; null when there is none
     */
    record HistorySnapshot(boolean exists, List<HistoryEntry> rows, HistoryState state, AdoptableHistory foreign) {

        /** The adoption the first migrate will make, or null when there is nothing to adopt. */
        Adoption adoption(List<ResolvedMigration> resolved) {
            return foreign == null ? null : foreign.adoption(resolved);
        }

        /** The history to plan against: as adopting will leave it, before the first migrate adopts. */
        HistoryState plannedState(List<ResolvedMigration> resolved) {
            return foreign == null ? state : adoption(resolved).preview();
        }

        /**
         * The resolution's issues plus those that need the history: a location that exists but is empty while the
         * history records migrations no location provides ({@link EmptyLocations}), and the errors that forbid
         * adopting.
         */
        List<Issue> issues(MigrationResolver.Resolution resolution) {
            List<Issue> issues = new ArrayList<>(resolution.issues());
            issues.addAll(EmptyLocations.issues(resolution.emptyLocations(), resolution.migrations(), state));
            if (foreign != null) {
                issues.addAll(adoption(resolution.migrations()).issues());
            }
            return issues;
        }
    }

    private RunSession(Connection connection, Dialect dialect, String schema, SchemaHistory history,
            MigrationLock lock, LockKey lockKey, boolean locking, SessionState borrowed, MsrSettings settings,
            DatabaseFacts facts) {
        this.connection = connection;
        this.facts = facts;
        this.adoptFrom = settings.adopt().from();
        this.adoptTable = settings.adopt().tableOrDefault();
        this.settings = settings;
        this.borrowed = borrowed;
        this.dialect = dialect;
        this.schema = schema;
        this.history = history;
        this.lock = lock;
        this.lockKey = lockKey;
        this.locking = locking;
    }

    /**
     * Returns the server's PostgreSQL major version, which the lint's version-aware rules assume unless
     * {@code msr.lint.postgres-version} is set; null when the driver cannot tell.
     */
    Integer serverMajorVersion() {
        try {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (java.sql.SQLException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Opens the migration connection, waiting up to {@code msr.connect.wait} for a database that does not accept
     * connections yet (the lock's connection, opened after it, does not wait), asks the server to drop it when this
     * runner vanishes ({@code msr.postgres.dead-client-timeout}), and finds the dialect, schema, history table and
     * lock. The lock is the database's own, on the context's lock connections, unless
     * {@code lockEnabled} is off.
     */
    static RunSession open(EngineContext context, MsrSettings settings, boolean lockEnabled) {
        Connection connection = context.connections().openFirst(settings.connectWait());
        SessionState borrowed = SessionState.NONE;
        try {
            Dialect dialect = Dialects.detect(connection);
            borrowed = dialect.saveSession(connection);
            connection.setAutoCommit(true);
            dialect.setApplicationName(connection, RunnerIdentity.applicationName("migrate"));
            DeadClientDetection detection = new DeadClientDetection(settings.postgres().deadClientTimeout());
            dialect.detectDeadClient(connection, detection);
            if (settings.isolationLevel() != IsolationLevel.DEFAULT) {
                connection.setTransactionIsolation(settings.isolationLevel().jdbcLevel());
            }
            String schema = settings.schema() != null ? settings.schema() : dialect.currentSchema(connection);
            if (context.schemaFirst()) {
                dialect.putSchemaFirst(connection, schema);
            }
            String database = dialect.currentDatabase(connection);
            LockKey key = dialect.lockKey(database, schema, settings.table());
            MigrationLock lock = lockEnabled ? dialect.lock(context.lockConnections(), key, detection)
                    : new NoMigrationLock(key);
            RunSession session = new RunSession(connection, dialect, schema, new SchemaHistory(dialect, schema,
                    settings.table(), settings.naming() == MigrationNaming.FLYWAY),
                    lock, key, lockEnabled, borrowed, settings, context.facts());
            session.stoppable = context.stops().onStop(() -> dialect.cancel(connection));
            return session;
        } catch (SQLException e) {
            giveBack(connection, borrowed);
            throw SqlErrors.outsideMigration("Could not prepare the migration connection", e);
        } catch (RuntimeException e) {
            giveBack(connection, borrowed);
            throw e;
        }
    }

    /**
     * Opens a session for reading only, without the lock, as cheaply as it can for verify mode's refresh: the session
     * is left as it came but for autocommit (no application name, no isolation level, so nothing to restore but
     * autocommit), and the database's name is the one the engine learnt before. With {@code msr.schema} set and the
     * history table seen before, reading the history is then the session's one statement.
     */
    static RunSession openForReading(EngineContext context, MsrSettings settings) {
        Connection connection = context.connections().openFirst(settings.connectWait());
        SessionState borrowed = SessionState.NONE;
        try {
            Dialect dialect = Dialects.detect(connection);
            boolean autoCommit = connection.getAutoCommit();
            borrowed = session -> session.setAutoCommit(autoCommit);
            connection.setAutoCommit(true);
            String schema = settings.schema() != null ? settings.schema() : dialect.currentSchema(connection);
            LockKey key = dialect.lockKey(context.facts().database(connection, dialect), schema, settings.table());
            return new RunSession(connection, dialect, schema, new SchemaHistory(dialect, schema, settings.table(),
                    settings.naming() == MigrationNaming.FLYWAY),
                    new NoMigrationLock(key), key, false, borrowed, settings, context.facts());
        } catch (SQLException e) {
            giveBack(connection, borrowed);
            throw SqlErrors.outsideMigration("Could not prepare the connection to read the schema", e);
        } catch (RuntimeException e) {
            giveBack(connection, borrowed);
            throw e;
        }
    }

    /**
     * Waits for the lock as the settings say, logging the wait and telling the listener when it starts, how it goes
     * and how it ends; close the lease. Without locking the no-op lease comes at once and the listener hears nothing.
     * While another runner holds the lock, asks {@code done}, with the holder last seen (null when unknown), after
     * each poll; returns empty as soon as it answers true, holding no lock, and the listener hears
     * {@link MigrationListener#lockNotNeeded}. {@code done} may use this session's
     * migration connection, which is idle while the runner waits.
     */
    Optional<LockLease> acquireLockUnlessDone(MsrSettings settings, MigrationListener listener,
            Predicate<LockStatus> done) {
        if (!locking) {
            return Optional.of(lock.acquire(settings.lock().waitTimeout(), LockObserver.NONE));
        }
        listener.lockWaitStarted(lockKey.toString());
        long start = System.nanoTime();
        LockObservers.Logging observer = LockObservers.logging(listener);
        Optional<LockLease> lease;
        try {
            lease = lock.acquireUnlessDone(settings.lock().waitTimeout(), observer,
                    () -> done.test(observer.lastHolder()));
        } catch (MsrException e) {
            listener.lockWaitFailed(lockKey.toString(), e);
            throw e;
        }
        if (lease.isEmpty()) {
            listener.lockNotNeeded(lockKey.toString(), Duration.ofNanos(System.nanoTime() - start));
        }
        return lease;
    }

    /**
     * Reads the whole history; works before the table exists. Until it exists, reads the history of the tool
     * {@code msr.adopt-from} names too, read-only. A table the engine saw before is read in one statement, without
     * asking the catalog first (the session is in autocommit, so a table dropped since costs one failed statement).
     */
    HistorySnapshot readHistory() {
        boolean exists;
        List<HistoryEntry> rows;
        try {
            rows = facts.historyExisted(history.qualifiedName()) ? readIfStillThere() : null;
            if (rows == null) {
                exists = history.exists(connection);
                rows = exists ? history.readExisting(connection) : List.of();
            } else {
                exists = true;
            }
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not read the history table " + history.qualifiedName(), e);
        }
        facts.historyExists(history.qualifiedName(), exists);
        AdoptableHistory foreign = null;
        if (!exists && adoptFrom != AdoptFrom.NONE) {
            try {
                foreign = readForeign();
            } catch (SQLException e) {
                throw SqlErrors.outsideMigration("Could not read " + adoptFrom.propertyValue() + "'s history table "
                        + dialect.qualify(schema, adoptTable) + " (msr.adopt-table)", e);
            }
        }
        return new HistorySnapshot(exists, rows, HistoryState.replay(rows), foreign);
    }

    /** Reads the rows of a table seen before; returns null when it is gone. */
    private List<HistoryEntry> readIfStillThere() throws SQLException {
        try {
            return history.readExisting(connection);
        } catch (SQLException e) {
            if (SchemaHistory.isMissing(e)) {
                return null;
            }
            throw e;
        }
    }

    private AdoptableHistory readForeign() throws SQLException {
        return switch (adoptFrom) {
            case GOLANG_MIGRATE -> ForeignHistory.readGolangMigrate(connection, dialect, schema, adoptTable);
            case FLYWAY -> {
                FlywayHistory flyway = FlywayHistory.read(connection, dialect, schema, adoptTable);
                if (flyway == null) {
                    yield null;
                }
                UnaryOperator<String> placeholders = Placeholders.asFlyway(settings, schema, adoptTable,
                        connection.getMetaData().getUserName());
                yield resolved -> FlywayAdoption.of(flyway, resolved, placeholders);
            }
            default -> null;
        };
    }

    /**
     * Cuts the migration connection at once, from any thread: a statement running on it fails, and nothing more can
     * be sent on it (no COMMIT after the lock was lost). The session is not handed back to a pool. Never throws.
     */
    void cut() {
        abortQuietly(connection);
    }

    @Override
    public void close() {
        try {
            stoppable.close();
        } catch (Exception e) {
            log.debug("Unregistering the migration connection from the stop switch failed", e);
        }
        giveBack(connection, borrowed);
    }

    /**
     * Rolls back what is open, restores the session as it came (a pooled connection outlives close) and closes it;
     * a session that cannot be restored is aborted rather than handed to the next borrower.
     */
    private static void giveBack(Connection connection, SessionState borrowed) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            borrowed.restore(connection);
        } catch (SQLException | RuntimeException e) {
            log.debug("Restoring the migration connection's session failed; aborting it", e);
            abortQuietly(connection);
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Closing the migration connection failed", e);
        }
    }

    private static void abortQuietly(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            log.debug("Aborting the migration connection failed", e);
        }
    }
}
