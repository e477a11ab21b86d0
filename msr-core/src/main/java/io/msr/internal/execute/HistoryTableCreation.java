package io.msr.internal.execute;

import io.msr.MsrException;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.jdbc.SqlErrors;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The history table's creation within a run: whether the table exists as far as this run knows, and creating it
 * when the first migration of the run needs it, inside that migration's transaction
 * when it has one: if the migration fails, the rollback takes the new table with it, so a failed first run
 * leaves the database exactly as it found it. A migration outside a transaction gets the table committed first,
 * since its failure must be recorded.
 */
public final class HistoryTableCreation {

    private final SchemaHistory history;
    private final String schema;
    private boolean exists;
    private boolean createdInTransaction;

    /**
     * @param history the history table
     * @param schema  its schema, for the error message when the user may not create it
     * @param exists  whether it exists already
     */
    public HistoryTableCreation(SchemaHistory history, String schema, boolean exists) {
        this.history = history;
        this.schema = schema;
        this.exists = exists;
    }

    /**
     * Creates the table in the connection's current transaction (or at once in autocommit) unless it exists.
     * Throws an {@link MsrException} naming the table and the privilege it needs.
     */
    void createIfAbsent(Connection connection) {
        if (exists) {
            return;
        }
        try {
            history.createIfAbsent(connection);
            createdInTransaction = !connection.getAutoCommit();
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not create the history table " + history.qualifiedName()
                    + " (the migration user needs CREATE on schema " + schema + ")", e);
        }
        exists = true;
    }

    /** Returns whether the table exists, as far as this run knows (created and not rolled back since). */
    boolean exists() {
        return exists;
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
