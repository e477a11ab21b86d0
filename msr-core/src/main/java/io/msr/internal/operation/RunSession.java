package io.msr.internal.operation;

import io.msr.MigrationNaming;
import io.msr.IsolationLevel;
import io.msr.LockStatus;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.dialect.Dialects;
import io.msr.internal.dialect.SessionState;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.jdbc.RunnerIdentity;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.LockLease;
import io.msr.internal.lock.LockObserver;
import io.msr.internal.lock.MigrationLock;
import io.msr.internal.lock.NoMigrationLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

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
    private final MsrSettings settings;
    private final DatabaseFacts facts;
    private AutoCloseable stoppable = () -> { };

    private RunSession(Connection connection, Dialect dialect, String schema, SchemaHistory history,
            MigrationLock lock, LockKey lockKey, boolean locking, SessionState borrowed, MsrSettings settings,
            DatabaseFacts facts) {
        this.connection = connection;
        this.facts = facts;
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
    @Nullable Integer serverMajorVersion() {
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
            Predicate<@Nullable LockStatus> done) {
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
     * {@code msr.adopt-from} names too, read-only (see {@link HistorySnapshot#read}).
     */
    HistorySnapshot readHistory() {
        return HistorySnapshot.read(this, facts, settings);
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
