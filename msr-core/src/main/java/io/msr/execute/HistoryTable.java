package io.msr.execute;

import io.msr.internal.SqlErrors;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Creates the history table when the first migration of a run needs it, inside that migration's transaction
 * when it has one: if the migration fails, the rollback takes the new table with it, so a failed first run
 * leaves the database exactly as it found it. A migration outside a transaction gets the table committed first,
 * since its failure must be recorded.
 */
final class HistoryTable {

    private final RunSession session;
    private boolean exists;
    private boolean createdInTransaction;

    HistoryTable(RunSession session, boolean exists) {
        this.session = session;
        this.exists = exists;
    }

    /** Creates the table in the connection's current transaction (or at once in autocommit) unless it exists. */
    void createIfAbsent(Connection connection) throws SQLException {
        if (exists) {
            return;
        }
        try {
            session.history.createIfAbsent(connection);
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not create the history table " + session.history.qualifiedName()
                    + " (the migration user needs CREATE on schema " + session.schema + ")", e);
        }
        exists = true;
        createdInTransaction = !connection.getAutoCommit();
    }

    /** The transaction that created the table committed, or it was created in autocommit. */
    void committed() {
        createdInTransaction = false;
    }

    /** The transaction that created the table rolled back: the table is gone again. */
    void rolledBack() {
        if (createdInTransaction) {
            exists = false;
            createdInTransaction = false;
        }
    }
}
