package io.msr.internal.stub;

import io.msr.internal.dialect.Dialect;
import io.msr.internal.dialect.SessionState;
import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.MigrationLock;
import io.msr.internal.lock.NoMigrationLock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A dialect with no database: PostgreSQL's transient SQLStates, no timeouts, no invalid indexes. */
public final class StubDialect implements Dialect {

    @Override
    public String name() {
        return "stub";
    }

    @Override
    public String currentSchema(Connection connection) {
        return "app";
    }

    @Override
    public String currentDatabase(Connection connection) {
        return "stub";
    }

    @Override
    public String qualify(String schema, String table) {
        return schema + "." + table;
    }

    @Override
    public boolean tableExists(Connection connection, String schema, String table) {
        return true;
    }

    @Override
    public List<String> userTables(Connection connection, String schema) {
        return List.of();
    }

    @Override
    public List<String> createHistoryTable(String qualifiedTable, String table, boolean textVersions) {
        return List.of("create history table " + qualifiedTable);
    }

    @Override
    public String createSchemaIfAbsent(String schema) {
        return "create schema if absent " + schema;
    }

    @Override
    public void putSchemaFirst(Connection connection, String schema) {
    }

    @Override
    public LockKey lockKey(String database, String schema, String table) {
        return new LockKey(1, 2, database + "." + schema + "." + table);
    }

    @Override
    public MigrationLock lock(ConnectionFactory connections, LockKey key, DeadClientDetection detection) {
        return new NoMigrationLock(key);
    }

    @Override
    public Integer errorPosition(SQLException error) {
        return null;
    }

    @Override
    public boolean isConnectionError(SQLException error) {
        return false;
    }

    @Override
    public void setApplicationName(Connection connection, String name) {
    }

    @Override
    public boolean applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout, boolean local,
            String heldCondition) {
        return true;
    }

    @Override
    public void resetTimeouts(Connection connection) {
    }

    @Override
    public boolean isTransient(String sqlState) {
        return "55P03".equals(sqlState) || "40001".equals(sqlState) || "40P01".equals(sqlState);
    }

    @Override
    public Set<String> invalidIndexes(Connection connection) {
        return Set.of();
    }

    @Override
    public SessionState saveSession(Connection connection) {
        return SessionState.NONE;
    }
}
