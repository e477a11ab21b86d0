package io.msr.internal.dialect;

import io.msr.internal.jdbc.ConnectionFactory;

import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.MigrationLock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * What differs per database: the history table's DDL, the lock, and how errors are read. One implementation
 * per database proves itself against the shared contract tests.
 */
public interface Dialect {

    /** Returns the database's name as shown in logs, e.g. "PostgreSQL 17.2". */
    String name();

    /** Returns the connection's current schema. */
    String currentSchema(Connection connection) throws SQLException;

    /** Returns the connection's database name. */
    String currentDatabase(Connection connection) throws SQLException;

    /** Returns the quoted, schema-qualified name of a table. */
    String qualify(String schema, String table);

    /** Returns true when the history table exists. Runs no DDL. */
    boolean tableExists(Connection connection, String schema, String table) throws SQLException;

    /** Returns the DDL statements that create the history table (and its index) when absent. */
    java.util.List<String> createHistoryTable(String qualifiedTable, String table);

    /** Returns the lock key for a history table in a database. */
    LockKey lockKey(String database, String schema, String table);

    /** Returns the migration lock implementation of this database. */
    MigrationLock lock(ConnectionFactory connections, LockKey key);

    /**
     * Returns the 1-based character position of an error within the statement sent, or null when the error
     * carries none.
     */
    Integer errorPosition(SQLException error);

    /** Returns true when the error means the connection is unusable (network, authentication, shutdown). */
    boolean isConnectionError(SQLException error);

    /** Sets the session's application name, so operators can see who the connection belongs to. */
    void setApplicationName(Connection connection, String name) throws SQLException;

    /**
     * Applies the lock and statement timeouts of a migration, in one round trip: for the current transaction
     * when {@code local}, else for the session until {@link #resetTimeouts}. A null or zero duration means none.
     */
    void applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout, boolean local)
            throws SQLException;

    /** Restores the session's own timeouts after a migration that ran outside a transaction. */
    void resetTimeouts(Connection connection) throws SQLException;

    /**
     * Returns true for an SQLState worth retrying after a rollback: a lock timeout, a serialization failure or a
     * deadlock.
     */
    boolean isTransient(String sqlState);

    /**
     * Returns the indexes left INVALID (by a failed concurrent index build), each as a schema-qualified name quoted
     * as SQL needs it, ready to paste into a {@code DROP INDEX} statement.
     */
    Set<String> invalidIndexes(Connection connection) throws SQLException;
}
