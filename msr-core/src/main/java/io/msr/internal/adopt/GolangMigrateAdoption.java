package io.msr.internal.adopt;

import io.msr.HistoryEntry;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.Issue;
import io.msr.Version;
import io.msr.internal.history.HistoryState;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.source.ResolvedMigration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes over golang-migrate's history: every local migration up to the version it recorded counts as applied.
 * {@link #issues} says why it cannot (a dirty version, a version with no local file).
 *
 * @param foreign  what the other tool recorded
 * @param imported the local migrations up to its version, oldest first
 */
record GolangMigrateAdoption(ForeignHistory foreign, List<ResolvedMigration> imported) implements Adoption {

    /** Selects the local migrations up to the foreign version. */
    public static GolangMigrateAdoption of(ForeignHistory foreign, List<ResolvedMigration> resolved) {
        List<ResolvedMigration> imported = new ArrayList<>();
        for (ResolvedMigration migration : resolved) {
            if (!migration.repeatable() && !migration.version().isAbove(foreign.version())) {
                imported.add(migration);
            }
        }
        return new GolangMigrateAdoption(foreign, List.copyOf(imported));
    }

    @Override
    public String tool() {
        return foreign.tool();
    }

    @Override
    public String table() {
        return foreign.table();
    }

    @Override
    public Version version() {
        return foreign.version();
    }

    @Override
    public int importedCount() {
        return imported.size();
    }

    @Override
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

    @Override
    public HistoryState preview() {
        List<HistoryEntry> rows = new ArrayList<>();
        long id = 1;
        for (ResolvedMigration migration : imported) {
            rows.add(new HistoryEntry(id++, migration.version(), migration.description(), migration.type(),
                    migration.script(), migration.checksum(), HistoryOperation.IMPORTED, true, null, null, 0));
        }
        return HistoryState.replay(rows);
    }

    @Override
    public void record(Connection connection, SchemaHistory history) throws SQLException {
        history.writeFirstRows(connection, writer -> {
            for (ResolvedMigration migration : imported) {
                writer.append(migration.version(), migration.description(), migration.type(), migration.script(),
                        migration.checksum(), HistoryOperation.IMPORTED, true, 0);
            }
        });
    }
}
