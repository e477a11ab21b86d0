package io.msr.internal.adopt;

import io.msr.Issue;
import io.msr.Version;
import io.msr.internal.history.HistoryState;
import io.msr.internal.history.table.SchemaHistory;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Taking over another tool's history ({@code msr.adopt-from}), planned from what that tool recorded and the local
 * migrations. {@link #issues} says why it cannot happen; {@link #preview} is the history as it will be, for info,
 * validate and verify before the first migrate; {@link #record} writes it, once, under the lock. The other tool's
 * table is never written.
 */
public interface Adoption {

    /** Returns the tool's name as {@code msr.adopt-from} spells it, e.g. {@code flyway}. */
    String tool();

    /** Returns the tool's history table, quoted and qualified, for messages. */
    String table();

    /** Returns the schema version the tool's history gives, or null when it gives none. */
    @Nullable Version version();

    /** Returns how many rows adopting writes. */
    int importedCount();

    /** Returns the errors that forbid adopting: nothing is written while there is one. */
    List<Issue> issues();

    /** Returns MSR's history as adopting will write it. */
    HistoryState preview();

    /**
     * Creates MSR's history table and writes the adopted rows in one transaction, committed before this returns; on
     * failure it is rolled back and the database is as it was. Call only under the migration lock, on a connection
     * in autocommit, which it is again afterwards.
     */
    void record(Connection connection, SchemaHistory history) throws SQLException;
}
