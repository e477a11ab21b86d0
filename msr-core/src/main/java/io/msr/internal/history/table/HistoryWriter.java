package io.msr.internal.history.table;

import io.msr.HistoryEntry.HistoryOperation;
import io.msr.MigrationType;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * Appends rows with one prepared statement, reused for every row of a run, across transactions and changes of
 * autocommit, also when the table was created again after a rollback had removed it.
 */
public final class HistoryWriter implements AutoCloseable {
    private final Connection connection;
    private final String qualified;
    private final String insertSql;
    private final PreparedStatement insert;
    private @Nullable PreparedStatement importInsert;
    private @Nullable PreparedStatement insertAndCommit;

    HistoryWriter(Connection connection, String qualified, String insertSql, PreparedStatement insert) {
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
    public void append(@Nullable Version version, String description, MigrationType type, String script,
            @Nullable String checksum,
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
    public void appendAndCommit(@Nullable Version version, String description, MigrationType type, String script,
            @Nullable String checksum, HistoryOperation operation, boolean success, long executionTimeMs)
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

    private static void bind(PreparedStatement insert, @Nullable Version version, String description,
            MigrationType type, String script, @Nullable String checksum, HistoryOperation operation, boolean success,
            long executionTimeMs) throws SQLException {
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
    public void appendImported(@Nullable Version version, String description, MigrationType type, String script,
            @Nullable String checksum, @Nullable String installedBy, @Nullable Instant installedOn,
            long executionTimeMs) throws SQLException {
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

    /**
     * The COMMIT of {@link #appendAndCommit} failed after the row was written: a deferred constraint, a
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
}
