package io.msr.internal.history;

import io.msr.HistoryEntry;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.MigrationType;
import io.msr.internal.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The history table: an append-only audit with one row per attempted operation on a migration. It never
 * stores connection details. Reads and writes run on the connection given, inside whatever transaction it has.
 */
public final class SchemaHistory {

    private final Dialect dialect;
    private final String schema;
    private final String table;
    private final String qualified;

    /** Creates access to the history table {@code schema.table}. */
    public SchemaHistory(Dialect dialect, String schema, String table) {
        this.dialect = dialect;
        this.schema = schema;
        this.table = table;
        this.qualified = dialect.qualify(schema, table);
    }

    /** Returns the quoted, qualified table name. */
    public String qualifiedName() {
        return qualified;
    }

    /** Returns true when the table exists. */
    public boolean exists(Connection connection) throws SQLException {
        return dialect.tableExists(connection, schema, table);
    }

    /** Creates the table when absent. Call only while holding the migration lock. */
    public void createIfAbsent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : dialect.createHistoryTable(qualified, table)) {
                statement.execute(ddl);
            }
        }
    }

    /** Returns every row, oldest first; empty when the table does not exist. */
    public List<HistoryEntry> readAll(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        List<HistoryEntry> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select id, version, description, type, script, checksum,"
                     + " operation, success, installed_by, installed_on, execution_time_ms from " + qualified
                     + " order by id")) {
            while (result.next()) {
                Timestamp installedOn = result.getTimestamp(10);
                rows.add(new HistoryEntry(result.getLong(1), result.getLong(2), result.getString(3),
                        MigrationType.valueOf(result.getString(4)), result.getString(5), result.getString(6),
                        HistoryOperation.valueOf(result.getString(7)), result.getBoolean(8), result.getString(9),
                        installedOn == null ? null : installedOn.toInstant(), result.getLong(11)));
            }
        }
        return rows;
    }

    /** Returns a writer of rows on a connection; close it when the run ends. */
    public Writer writer(Connection connection) throws SQLException {
        return new Writer(connection.prepareStatement("insert into " + qualified
                + " (version, description, type, script, checksum, operation, success, execution_time_ms)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)"));
    }

    /** Appends rows with one prepared statement, reused for every row of a run. */
    public static final class Writer implements AutoCloseable {
        private final PreparedStatement insert;

        private Writer(PreparedStatement insert) {
            this.insert = insert;
        }

        /** Appends one row, in the connection's current transaction. */
        public void append(long version, String description, MigrationType type, String script, String checksum,
                HistoryOperation operation, boolean success, long executionTimeMs) throws SQLException {
            insert.setLong(1, version);
            insert.setString(2, truncate(description, 200));
            insert.setString(3, type.name());
            insert.setString(4, truncate(script, 1000));
            insert.setString(5, checksum);
            insert.setString(6, operation.name());
            insert.setBoolean(7, success);
            insert.setLong(8, executionTimeMs);
            insert.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }

        private static String truncate(String text, int max) {
            return text.length() <= max ? text : text.substring(0, max);
        }
    }
}
