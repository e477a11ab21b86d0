package io.msr.internal.history.table;

import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.MigrationType;
import io.msr.Version;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.history.Baseline;
import io.msr.internal.history.HistoryState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The history table: an append-only audit with one row per attempted operation on a migration. It never
 * stores connection details. Reads and writes run on the connection given, inside whatever transaction it has: they
 * never commit, roll back or change autocommit, so a row written inside a migration's transaction commits or rolls
 * back with it (but for {@link HistoryWriter#appendAndCommit}, which commits that transaction with the row, on
 * purpose). Errors are the driver's {@link SQLException}, for the caller to translate. Every dialect proves this
 * class works on its database by extending the shared contract test ({@code SchemaHistoryContract}). This package is
 * the history's JDBC side; what the rows say, replayed without a database, is {@link HistoryState}.
 */
public final class SchemaHistory {

    private final Dialect dialect;
    private final String schema;
    private final String table;
    private final String qualified;
    private final boolean textVersions;

    /** Creates access to the history table {@code schema.table}, created with integer versions. */
    public SchemaHistory(Dialect dialect, String schema, String table) {
        this(dialect, schema, table, false);
    }

    /**
     * Creates access to the history table {@code schema.table}; {@code textVersions} creates it with a text version
     * column, for dotted versions (Flyway's naming). Either kind is read and written the same way.
     */
    public SchemaHistory(Dialect dialect, String schema, String table, boolean textVersions) {
        this.dialect = dialect;
        this.schema = schema;
        this.table = table;
        this.qualified = dialect.qualify(schema, table);
        this.textVersions = textVersions;
    }

    /** Returns the schema, unquoted, as the run resolved it. */
    public String schema() {
        return schema;
    }

    /** Returns the table name, unquoted. */
    public String table() {
        return table;
    }

    /** Returns the quoted, qualified table name. */
    public String qualifiedName() {
        return qualified;
    }

    /** Returns true when the table exists; one catalog query, no DDL (see {@link Dialect#tableExists}). */
    public boolean exists(Connection connection) throws SQLException {
        return dialect.tableExists(connection, schema, table);
    }

    /**
     * Creates the table (and its index, and its schema) when absent; when it exists this does nothing, so calling it again is
     * harmless. In autocommit the DDL commits at once; inside a transaction it is part of it, and a rollback removes
     * the table again. Call only while holding the migration lock.
     */
    public void createIfAbsent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(dialect.createSchemaIfAbsent(schema));
            for (String ddl : dialect.createHistoryTable(qualified, table, textVersions)) {
                statement.execute(ddl);
            }
        }
    }

    /**
     * Lets the existing table take rows without a version and, when {@code textVersions}, dotted versions (see
     * {@link Dialect#upgradeHistoryTable}); does nothing when it already can. Call only while holding the migration
     * lock, in autocommit.
     */
    public void allow(Connection connection, boolean textVersions) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : dialect.upgradeHistoryTable(connection, schema, table, qualified, textVersions)) {
                statement.execute(ddl);
            }
        }
    }

    /** Writes rows on the writer it is given. */
    @FunctionalInterface
    public interface Rows {
        /** Writes the rows; does not commit. */
        void write(HistoryWriter writer) throws SQLException;
    }

    /**
     * Creates the table when absent and writes the rows in one transaction, committed before this returns; on failure
     * it is rolled back and the database is as it was (no table either, if this created it). For the rows a history
     * starts with: an adoption's, a baseline. Call only under the migration lock, on a connection in autocommit,
     * which it is again afterwards.
     */
    public void writeFirstRows(Connection connection, Rows rows) throws SQLException {
        connection.setAutoCommit(false);
        try (HistoryWriter writer = writer(connection)) {
            createIfAbsent(connection);
            rows.write(writer);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Creates the history table when absent and appends the baseline's BASELINE row, in one transaction committed
     * before this returns; on failure it is rolled back and the database is as it was. Call only under the migration
     * lock, on a connection in autocommit, which it is again afterwards.
     */
    public void recordBaseline(Connection connection, Baseline baseline) throws SQLException {
        writeFirstRows(connection, writer -> {
            if (!baseline.version().isNumber()) {
                allow(connection, true);
            }
            writer.append(baseline.version(), baseline.description(), MigrationType.BASELINE, baseline.script(), null,
                    HistoryOperation.BASELINE, true, 0);
        });
    }

    /**
     * Returns every row in the order written (oldest first); empty, without an error, when the table does not exist.
     * Reads only.
     */
    public List<HistoryEntry> readAll(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        return readExisting(connection);
    }

    /**
     * Returns every row in the order written (oldest first), in one statement, without checking that the table exists:
     * when it does not, the driver's {@link SQLException} says so ({@link #isMissing}). Reads only.
     */
    public List<HistoryEntry> readExisting(Connection connection) throws SQLException {
        List<HistoryEntry> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select id, version, description, type, script, checksum,"
                     + " operation, success, installed_by, installed_on, execution_time_ms from " + qualified
                     + " order by id")) {
            while (result.next()) {
                Timestamp installedOn = result.getTimestamp(10);
                String version = result.getString(2);
                rows.add(new HistoryEntry(result.getLong(1), version == null ? null : Version.parse(version), result.getString(3),
                        MigrationType.valueOf(result.getString(4)), result.getString(5), result.getString(6),
                        HistoryOperation.valueOf(result.getString(7)), result.getBoolean(8), result.getString(9),
                        installedOn == null ? null : installedOn.toInstant(), result.getLong(11)));
            }
        }
        return rows;
    }

    /** Returns whether an error of {@link #readExisting} says the table (or its schema) does not exist. */
    public static boolean isMissing(SQLException e) {
        return "42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState());
    }

    /**
     * Returns a writer of rows on a connection, to close when the run ends. Creating it touches no table, so it may
     * be created before the table exists (the first migration creates it).
     */
    public HistoryWriter writer(Connection connection) throws SQLException {
        String insert = insertSql();
        return new HistoryWriter(connection, qualified, insert, connection.prepareStatement(insert));
    }

    private String insertSql() {
        return "insert into " + qualified
                + " (version, description, type, script, checksum, operation, success, execution_time_ms)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)";
    }
}
