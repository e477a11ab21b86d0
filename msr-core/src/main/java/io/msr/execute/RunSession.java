package io.msr.execute;

import io.msr.IsolationLevel;
import io.msr.MsrSettings;
import io.msr.dialect.ConnectionFactory;
import io.msr.dialect.Dialect;
import io.msr.dialect.Dialects;
import io.msr.history.SchemaHistory;
import io.msr.internal.RunnerIdentity;
import io.msr.internal.SqlErrors;
import io.msr.lock.LockKey;
import io.msr.lock.MigrationLock;
import io.msr.lock.NoMigrationLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One operation's connection to the database: the migration connection, the dialect, the history table and the
 * lock, found once at the start. Closing it closes the migration connection.
 */
final class RunSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunSession.class);

    final Connection connection;
    final Dialect dialect;
    final String schema;
    final SchemaHistory history;
    final MigrationLock lock;
    final LockKey lockKey;

    private RunSession(Connection connection, Dialect dialect, String schema, SchemaHistory history,
            MigrationLock lock, LockKey lockKey) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.history = history;
        this.lock = lock;
        this.lockKey = lockKey;
    }

    /** Opens the migration connection and finds the dialect, schema, history table and lock. */
    static RunSession open(ConnectionFactory connections, MsrSettings settings) {
        Connection connection = connections.open();
        try {
            connection.setAutoCommit(true);
            Dialect dialect = Dialects.detect(connection);
            dialect.setApplicationName(connection, RunnerIdentity.applicationName("migrate"));
            if (settings.isolationLevel() != IsolationLevel.DEFAULT) {
                connection.setTransactionIsolation(settings.isolationLevel().jdbcLevel());
            }
            String schema = settings.schema() != null ? settings.schema() : dialect.currentSchema(connection);
            String database = dialect.currentDatabase(connection);
            LockKey key = dialect.lockKey(database, schema, settings.table());
            MigrationLock lock = settings.lockEnabled() ? dialect.lock(connections, key) : new NoMigrationLock(key);
            return new RunSession(connection, dialect, schema, new SchemaHistory(dialect, schema, settings.table()),
                    lock, key);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlErrors.outsideMigration("Could not prepare the migration connection", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Rolling back before closing failed", e);
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Closing the migration connection failed", e);
        }
    }
}
