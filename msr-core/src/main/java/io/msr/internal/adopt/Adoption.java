package io.msr.internal.adopt;

import io.msr.HistoryEntry;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.Issue;
import io.msr.Version;
import io.msr.internal.history.HistoryState;
import io.msr.internal.history.SchemaHistory;
import io.msr.internal.source.ResolvedMigration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes over another tool's history: every local migration up to the version it recorded counts as applied.
 * {@link #issues} says why it cannot (a dirty version, a version with no local file); {@link #preview} is the
 * history as it will be, for info and validate before the first migrate; {@link #record} writes it, once, under
 * the lock. The other tool's table is never written.
 *
 * @param foreign  what the other tool recorded
 * @param imported the local migrations up to its version, oldest first
 */
public record Adoption(ForeignHistory foreign, List<ResolvedMigration> imported) {

    /** Selects the local migrations up to the foreign version. */
    public static Adoption of(ForeignHistory foreign, List<ResolvedMigration> resolved) {
        List<ResolvedMigration> imported = new ArrayList<>();
        for (ResolvedMigration migration : resolved) {
            if (!migration.version().isAbove(foreign.version())) {
                imported.add(migration);
            }
        }
        return new Adoption(foreign, List.copyOf(imported));
    }

    /** Returns the errors that forbid adopting: nothing is written while there is one. */
    public List<Issue> issues() {
        Version version = foreign.version();
        if (foreign.dirty()) {
            return List.of(Issue.error("ADOPT_DIRTY", foreign.tool() + "'s history " + foreign.table()
                    + " marks version " + version + " dirty: its migration failed part-way, so the schema is in an"
                    + " unknown state and MSR will not take it over. Check what migration " + version + " did and"
                    + " finish or undo it by hand, then clear the flag: run golang-migrate's `migrate force " + version
                    + "` (or force the previous version if you undid it), or `update " + foreign.table()
                    + " set dirty = false`; then run MSR again.", version, null));
        }
        boolean known = imported.stream().anyMatch(migration -> migration.version().equals(version));
        if (!known) {
            return List.of(Issue.error("ADOPT_UNKNOWN_VERSION", foreign.tool() + "'s history " + foreign.table()
                    + " records version " + version + ", but no local migration has that version, so MSR cannot tell"
                    + " which migrations are applied. Add the migration files up to " + version + " to msr.locations"
                    + " (named for msr.naming), or deploy the release that has them.", version, null));
        }
        return List.of();
    }

    /** The history as adopting will write it: an IMPORTED row per imported migration. */
    public HistoryState preview() {
        List<HistoryEntry> rows = new ArrayList<>();
        long id = 1;
        for (ResolvedMigration migration : imported) {
            rows.add(new HistoryEntry(id++, migration.version(), migration.description(), migration.type(),
                    migration.script(), migration.checksum(), HistoryOperation.IMPORTED, true, null, null, 0));
        }
        return HistoryState.replay(rows);
    }

    /**
     * Creates MSR's history table and writes the IMPORTED rows in one transaction, committed before this returns;
     * on failure it is rolled back and the database is as it was. Call only under the migration lock, on a
     * connection in autocommit, which it is again afterwards.
     */
    public void record(Connection connection, SchemaHistory history) throws SQLException {
        connection.setAutoCommit(false);
        try (SchemaHistory.Writer writer = history.writer(connection)) {
            history.createIfAbsent(connection);
            for (ResolvedMigration migration : imported) {
                writer.append(migration.version(), migration.description(), migration.type(), migration.script(),
                        migration.checksum(), HistoryOperation.IMPORTED, true, 0);
            }
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
