package io.msr.internal.adopt;

import io.msr.HistoryEntry;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.Issue;
import io.msr.MigrationType;
import io.msr.Version;
import io.msr.internal.history.HistoryState;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Takes over Flyway's history: every migration Flyway applied successfully (or covered by its baseline) is imported
 * as applied, once the local file is the one Flyway ran. Refused, with every finding listed, when Flyway's history
 * holds a failed row, an applied version has no local file, or a local file's checksum (computed Flyway's way)
 * differs from the one Flyway recorded. A repeatable migration whose file still matches Flyway's last run is imported;
 * one that changed since is left pending, so the first migrate applies it again, as Flyway would have.
 *
 * @param flyway   Flyway's history as read
 * @param imported the rows adopting writes: versioned migrations in version order, then repeatable ones
 * @param issues   the errors that forbid adopting
 * @param version  the schema version Flyway's history gives, or null
 */
public record FlywayAdoption(FlywayHistory flyway, List<Imported> imported, List<Issue> issues,
        @Nullable Version version)
        implements Adoption {

    /**
     * One row to import: Flyway's row (version, description, script, who applied it, when and how long it took) with
     * the checksum of the local file as MSR computes it, so a later edit is caught like any other.
     */
    public record Imported(@Nullable Version version, String description, MigrationType type, String script,
            @Nullable String checksum, String installedBy, @Nullable Instant installedOn, long executionTimeMs) {
    }

    /**
     * Plans the takeover.
     *
     * @param flyway       Flyway's history
     * @param resolved     the local migrations
     * @param placeholders replaces placeholders in a repeatable migration's text with Flyway's values, since Flyway
     *                     checksums repeatable migrations after replacement (versioned ones as written)
     */
    public static FlywayAdoption of(FlywayHistory flyway, List<ResolvedMigration> resolved,
            UnaryOperator<String> placeholders) {
        List<Issue> issues = new ArrayList<>();
        for (FlywayHistory.Row failed : flyway.failedRows()) {
            issues.add(Issue.error("ADOPT_FAILED_ROW", "Flyway's history " + flyway.table() + " records a failed"
                    + " migration: " + name(failed) + " failed on " + failed.installedOn() + ". Flyway itself would"
                    + " refuse to migrate. Check what it changed and finish or undo it by hand, remove the failed row"
                    + " with `flyway repair`, then run MSR again.", parse(failed.version()), failed.script()));
        }
        Map<Version, ResolvedMigration> versioned = new HashMap<>();
        Map<String, ResolvedMigration> repeatables = new HashMap<>();
        for (ResolvedMigration migration : resolved) {
            if (migration.repeatable()) {
                repeatables.putIfAbsent(migration.description(), migration);
            } else {
                versioned.putIfAbsent(migration.version(), migration);
            }
        }
        List<Imported> imported = new ArrayList<>();
        FlywayHistory.Row baseline = null;
        Version highest = null;
        for (FlywayHistory.Row row : flyway.effective()) {
            if (row.isBaseline()) {
                baseline = row;
                highest = max(highest, parse(row.version()));
            } else if (row.isVersioned()) {
                Version version = parse(row.version());
                highest = max(highest, version);
                ResolvedMigration local = versioned.remove(version);
                if (local == null) {
                    issues.add(Issue.error("ADOPT_MISSING_FILE", "Flyway's history " + flyway.table() + " records "
                            + name(row) + " as applied, but no local migration has version " + version + ". Add the"
                            + " file to msr.locations (named for msr.naming=flyway), or deploy the release that has"
                            + " it.", version, row.script()));
                } else if (local.up() != null && row.checksum() != null) {
                    int checksum = FlywayChecksum.of(local.up().file().content());
                    if (checksum != row.checksum()) {
                        issues.add(mismatch(flyway, row, local, checksum));
                    }
                }
                if (local != null) {
                    imported.add(imported(local, row, true));
                }
            } else if (row.isRepeatable()) {
                ResolvedMigration local = repeatables.get(row.description());
                if (local != null && local.up() != null && row.checksum() != null
                        && FlywayChecksum.of(placeholders.apply(local.up().text())) == row.checksum()) {
                    imported.add(imported(local, row, true));
                }
            }
        }
        if (baseline != null) {
            Version below = parse(baseline.version());
            for (ResolvedMigration local : versioned.values()) {
                if (!local.version().isAbove(below)) {
                    imported.add(imported(local, baseline, false));
                }
            }
        }
        imported.sort(Comparator.comparing(Imported::version, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Imported::description));
        return new FlywayAdoption(flyway, List.copyOf(imported), List.copyOf(issues), highest);
    }

    @Override
    public String tool() {
        return "flyway";
    }

    @Override
    public String table() {
        return flyway.table();
    }

    @Override
    public int importedCount() {
        return imported.size();
    }

    @Override
    public HistoryState preview() {
        List<HistoryEntry> rows = new ArrayList<>();
        long id = 1;
        for (Imported row : imported) {
            rows.add(new HistoryEntry(id++, row.version(), row.description(), row.type(), row.script(),
                    row.checksum(), HistoryOperation.IMPORTED, true, row.installedBy(), row.installedOn(),
                    row.executionTimeMs()));
        }
        return HistoryState.replay(rows);
    }

    @Override
    public void record(Connection connection, SchemaHistory history) throws SQLException {
        history.writeFirstRows(connection, writer -> {
            for (Imported row : imported) {
                writer.appendImported(row.version(), row.description(), row.type(), row.script(), row.checksum(),
                        row.installedBy(), row.installedOn(), row.executionTimeMs());
            }
        });
    }

    /**
     * The row to import for a local migration that {@code row} applied ({@code applied}: Flyway's description and
     * script, as it recorded them) or that Flyway's baseline covers (the local file's).
     */
    private static Imported imported(ResolvedMigration local, FlywayHistory.Row row, boolean applied) {
        return new Imported(local.version(), applied ? row.description() : local.description(), local.type(),
                applied ? row.script() : local.script(), local.checksum(), row.installedBy(), row.installedOn(),
                applied ? row.executionTimeMs() : 0);
    }

    private static Issue mismatch(FlywayHistory flyway, FlywayHistory.Row row, ResolvedMigration local, int checksum) {
        return Issue.error("ADOPT_CHECKSUM_MISMATCH", "File " + local.displayName() + " differs from the " + name(row)
                + " Flyway applied: Flyway recorded checksum " + row.checksum() + " in " + flyway.table()
                + ", the file has " + checksum + ". Restore the file as it was applied (an edit after the fact"
                + " never reached the database), or, if the database already has the edit, run `flyway repair`"
                + " first so Flyway's history records it.", local.version(), local.script());
    }

    private static String name(FlywayHistory.Row row) {
        return (row.version() == null ? "repeatable migration" : "V" + row.version()) + " (" + row.script() + ")";
    }

    private static @Nullable Version parse(@Nullable String version) {
        return version == null ? null : Version.parse(version);
    }

    private static @Nullable Version max(@Nullable Version current, @Nullable Version candidate) {
        return current == null || candidate != null && candidate.isAbove(current) ? candidate : current;
    }
}
