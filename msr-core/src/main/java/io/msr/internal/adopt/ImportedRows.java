package io.msr.internal.adopt;

import io.msr.internal.history.SchemaHistory;

import java.sql.Connection;
import java.sql.SQLException;

/** Writes an adoption's rows: MSR's history table and its rows in one transaction, or nothing. */
final class ImportedRows {

    /** Writes rows on the writer it is given. */
    interface Rows {
        void write(SchemaHistory.Writer writer) throws SQLException;
    }

    private ImportedRows() {
    }

    /**
     * Creates the history table and writes the rows in one transaction, committed before this returns, or rolled
     * back on failure. The connection must be in autocommit, and is again afterwards.
     */
    static void write(Connection connection, SchemaHistory history, Rows rows) throws SQLException {
        connection.setAutoCommit(false);
        try (SchemaHistory.Writer writer = history.writer(connection)) {
            history.createIfAbsent(connection);
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
}
