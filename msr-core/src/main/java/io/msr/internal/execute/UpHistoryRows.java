package io.msr.internal.execute;

import io.msr.Direction;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.MsrException;
import io.msr.internal.history.table.HistoryWriter;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * The history rows of up migrations, as {@link Applier} writes them on the run's writer: STARTED before a migration
 * outside a transaction, UP once it succeeded (committed with a transactional migration's transaction), and the
 * failed UP that blocks later runs until repair. A row that cannot be written fails the run, naming the table.
 */
final class UpHistoryRows {

    /** Applier's, as these rows are part of applying: the log names the same logger as before the rows moved here. */
    private static final Logger log = LoggerFactory.getLogger(Applier.class);

    /** SQLState of a statement cancelled by a cancel request. */
    private static final String QUERY_CANCELED = "57014";

    private final SchemaHistory history;
    private final HistoryWriter writer;
    private final MigrationExecutor executor;

    UpHistoryRows(SchemaHistory history, HistoryWriter writer, MigrationExecutor executor) {
        this.history = history;
        this.writer = writer;
        this.executor = executor;
    }

    /** Writes the migration's UP row, in the connection's current transaction (at once in autocommit). */
    void applied(ResolvedMigration migration, long ms) {
        append(migration, HistoryOperation.UP, true, ms);
    }

    /**
     * Writes, in autocommit, the STARTED row of a migration outside a transaction, before its work starts: if this
     * process dies part-way, the next run knows.
     */
    void started(ResolvedMigration migration) {
        append(migration, HistoryOperation.STARTED, false, 0);
    }

    private void append(ResolvedMigration migration, HistoryOperation operation, boolean success, long ms) {
        try {
            writer.append(migration.version(), migration.description(), migration.type(), migration.script(),
                    migration.checksum(), operation, success, ms);
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not write the history row of " + migration.label()
                    + " to " + history.qualifiedName(), e);
        }
    }

    /** Writes the migration's history row and commits its transaction with it, in one round trip. */
    void appliedAndCommit(ResolvedMigration migration, long ms) {
        try {
            writer.appendAndCommit(migration.version(), migration.description(), migration.type(), migration.script(),
                    migration.checksum(), HistoryOperation.UP, true, ms);
        } catch (HistoryWriter.CommitFailedException e) {
            throw executor.failure(migration, Direction.UP, true, "at COMMIT", e.error());
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not write the history row of " + migration.label()
                    + " to " + history.qualifiedName(), e);
        }
    }

    /**
     * Records a failed migration that ran outside a transaction, so that later runs refuse to start until repair. A
     * stop ({@code Msr.stop()}, a shutdown signal) cancels whatever the migration connection runs and is sent again
     * while the run goes on: a cancel that lands on this row is no reason to lose it, so the row is written again
     * (the stop is sent every few seconds, never twice in a row).
     */
    void failed(ResolvedMigration migration, long ms, MsrException error) {
        for (int attempt = 1; ; attempt++) {
            try {
                writer.append(migration.version(), migration.description(), migration.type(), migration.script(),
                        migration.checksum(), HistoryOperation.UP, false, ms);
                return;
            } catch (SQLException e) {
                if (attempt < 3 && QUERY_CANCELED.equals(e.getSQLState())) {
                    continue;
                }
                error.addSuppressed(e);
                log.error("Could not record the failure of {} in the history table ({}); check the database by hand"
                        + " before the next run", migration.label(), e.getMessage());
                return;
            }
        }
    }
}
