package io.msr.internal.history;

import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.MigrationType;
import io.msr.Version;
import io.msr.internal.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The history table: an append-only audit with one row per attempted operation on a migration. It never
 * stores connection details. Reads and writes run on the connection given, inside whatever transaction it has: they
 * never commit, roll back or change autocommit, so a row written inside a migration's transaction commits or rolls
 * back with it (but for {@link Writer#appendAndCommit}, which commits that transaction with the row, on purpose).
 * Errors are the driver's {@link SQLException}, for the caller to translate. Every dialect proves this
 * class works on its database by extending the shared contract test ({@code SchemaHistoryContract}).
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
        void write(Writer writer) throws SQLException;
    }

    /**
     * Creates the table when absent and writes the rows in one transaction, committed before this returns; on failure
     * it is rolled back and the database is as it was (no table either, if this created it). For the rows a history
     * starts with: an adoption's, a baseline. Call only under the migration lock, on a connection in autocommit,
     * which it is again afterwards.
     */
    public void writeFirstRows(Connection connection, Rows rows) throws SQLException {
        connection.setAutoCommit(false);
        try (Writer writer = writer(connection)) {
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
    public Writer writer(Connection connection) throws SQLException {
        String insert = insertSql();
        return new Writer(connection, qualified, insert, connection.prepareStatement(insert));
    }

    private String insertSql() {
        return "insert into " + qualified
                + " (version, description, type, script, checksum, operation, success, execution_time_ms)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /**
     * The COMMIT of {@link Writer#appendAndCommit} failed after the row was written: a deferred constraint, a
     * serialization failure. The cause is the database's error; the transaction is over, nothing of it remains.
     */
    public static final class CommitFailedException extends SQLException {
        private static final long serialVersionUID = 1L;

        CommitFailedException(SQLException error) {
            super(error.getMessage(), error.getSQLState(), error.getErrorCode(), error);
        }

        /** Returns the database's error. */
        public SQLException error() {
            return (SQLException) getCause();
        }
    }

    /**
     * Appends rows with one prepared statement, reused for every row of a run, across transactions and changes of
     * autocommit, also when the table was created again after a rollback had removed it.
     */
    public static final class Writer implements AutoCloseable {
        private final Connection connection;
        private final String qualified;
        private final String insertSql;
        private final PreparedStatement insert;
        private PreparedStatement importInsert;
        private PreparedStatement insertAndCommit;

        private Writer(Connection connection, String qualified, String insertSql, PreparedStatement insert) {
            this.connection = connection;
            this.qualified = qualified;
            this.insertSql = insertSql;
            this.insert = insert;
        }

        /**
         * Appends one row in the connection's current transaction (at once in autocommit); does not commit; the version
         * is null for a repeatable migration. The
         * database records the current user and the time of the insert; a description longer than 200 characters
         * and a script path longer than 1000 are cut short.
         */
        public void append(Version version, String description, MigrationType type, String script, String checksum,
                HistoryOperation operation, boolean success, long executionTimeMs) throws SQLException {
            // Untyped, so the database converts it to the column's type: tables created before dotted versions hold bigint.
            bind(insert, version, description, type, script, checksum, operation, success, executionTimeMs);
            insert.executeUpdate();
        }

        /**
         * Appends one row as {@link #append} does and commits the connection's transaction with it, in one round trip:
         * the driver sends the insert and the COMMIT in one pipeline. Call with autocommit off, in the transaction the
         * row belongs to. When the row cannot be written, throws the driver's error and the transaction stays open,
         * aborted, for the caller to roll back. When the COMMIT fails, throws a {@link CommitFailedException}: the
         * transaction is over, and a new one may be open (roll back before going on).
         */
        public void appendAndCommit(Version version, String description, MigrationType type, String script,
                String checksum, HistoryOperation operation, boolean success, long executionTimeMs)
                throws SQLException {
            if (insertAndCommit == null) {
                insertAndCommit = connection.prepareStatement(insertSql + "; commit");
            }
            bind(insertAndCommit, version, description, type, script, checksum, operation, success, executionTimeMs);
            try {
                insertAndCommit.execute();
            } catch (SQLException e) {
                if (transactionEnded()) {
                    throw new CommitFailedException(e);
                }
                throw e;
            }
        }

        /**
         * Tells, after the pipeline failed, which statement did: after a failed insert the transaction is aborted
         * and refuses any statement but a rollback; after a failed COMMIT it is over and the next statement runs.
         * (With the driver's {@code autosave} on, a failed insert looks like a failed COMMIT; the caller rolls back
         * either way, so only the words of the error differ.)
         */
        private boolean transactionEnded() {
            try (Statement probe = connection.createStatement()) {
                probe.execute("select 1");
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        private static void bind(PreparedStatement insert, Version version, String description, MigrationType type,
                String script, String checksum, HistoryOperation operation, boolean success, long executionTimeMs)
                throws SQLException {
            // Untyped, so the database converts it to the column's type: tables created before dotted versions hold bigint.
            insert.setObject(1, version == null ? null : version.toString(), Types.OTHER);
            insert.setString(2, truncate(description, 200));
            insert.setString(3, type.name());
            insert.setString(4, truncate(script, 1000));
            insert.setString(5, checksum);
            insert.setString(6, operation.name());
            insert.setBoolean(7, success);
            insert.setLong(8, executionTimeMs);
        }

        /**
         * Appends a successful IMPORTED row taken over from another tool's history, keeping who applied it, when
         * and how long it took as that tool recorded them (the current user and time when they are null). Does not
         * commit.
         */
        public void appendImported(Version version, String description, MigrationType type, String script,
                String checksum, String installedBy, Instant installedOn, long executionTimeMs) throws SQLException {
            if (importInsert == null) {
                importInsert = connection.prepareStatement("insert into " + qualified + " (version, description,"
                        + " type, script, checksum, operation, success, installed_by, installed_on, execution_time_ms)"
                        + " values (?, ?, ?, ?, ?, ?, true, coalesce(?, current_user),"
                        + " coalesce(?, clock_timestamp()), ?)");
            }
            importInsert.setObject(1, version == null ? null : version.toString(), Types.OTHER);
            importInsert.setString(2, truncate(description, 200));
            importInsert.setString(3, type.name());
            importInsert.setString(4, truncate(script, 1000));
            importInsert.setString(5, checksum);
            importInsert.setString(6, HistoryOperation.IMPORTED.name());
            importInsert.setString(7, installedBy == null ? null : truncate(installedBy, 100));
            importInsert.setTimestamp(8, installedOn == null ? null : Timestamp.from(installedOn));
            importInsert.setLong(9, executionTimeMs);
            importInsert.executeUpdate();
        }

        /** Closes the statements; the connection stays open. */
        @Override
        public void close() throws SQLException {
            try (PreparedStatement first = insert; PreparedStatement second = importInsert;
                 PreparedStatement third = insertAndCommit) {
                // closes them all, in reverse order, null ones skipped
            }
        }

        private static String truncate(String text, int max) {
            return text.length() <= max ? text : text.substring(0, max);
        }
    }
}
