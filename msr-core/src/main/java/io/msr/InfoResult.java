package io.msr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema's state as {@link Msr#info()} sees it, without changing anything: every resolved and applied
 * migration with its state, and the full history (the audit trail).
 *
 * @param schemaVersion   the highest applied version, or null when none is
 * @param latestVersion   the highest resolved version, or null when there is none
 * @param migrations      every migration, resolved or applied, by version
 * @param history         every history row, oldest first; empty when the table does not exist yet
 * @param historyExists   whether the history table exists
 * @param issues          what validation would report, errors and warnings
 */
public record InfoResult(Long schemaVersion, Long latestVersion, List<MigrationInfo> migrations,
        List<HistoryEntry> history, boolean historyExists, List<Issue> issues) {

    /** Copies the lists. */
    public InfoResult {
        migrations = List.copyOf(migrations);
        history = List.copyOf(history);
        issues = List.copyOf(issues);
    }

    /** Returns the migrations in the given state. */
    public List<MigrationInfo> inState(MigrationState state) {
        List<MigrationInfo> found = new ArrayList<>();
        for (MigrationInfo migration : migrations) {
            if (migration.state() == state) {
                found.add(migration);
            }
        }
        return found;
    }

    /** Returns the migrations not applied yet: pending, out of order, and in progress. */
    public List<MigrationInfo> pending() {
        List<MigrationInfo> found = inState(MigrationState.PENDING);
        found.addAll(inState(MigrationState.OUT_OF_ORDER));
        found.addAll(inState(MigrationState.IN_PROGRESS));
        return found;
    }

    /** Returns true when the database has applied migrations newer than every resolved one. */
    public boolean schemaAhead() {
        return !inState(MigrationState.AHEAD).isEmpty();
    }

    /** Returns the applied migration with the highest version. */
    public Optional<MigrationInfo> lastApplied() {
        MigrationInfo last = null;
        for (MigrationInfo migration : migrations) {
            if (migration.installedOn() != null && migration.state() != MigrationState.FAILED
                    && (last == null || migration.version() > last.version())) {
                last = migration;
            }
        }
        return Optional.ofNullable(last);
    }

    /** Returns this result as a JSON object. */
    public String toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("schemaVersion", schemaVersion);
        map.put("latestVersion", latestVersion);
        map.put("pending", pending().size());
        map.put("schemaAhead", schemaAhead());
        map.put("failed", inState(MigrationState.FAILED).size());
        map.put("checksumMismatches", inState(MigrationState.CHECKSUM_MISMATCH).size());
        map.put("historyExists", historyExists);
        List<Object> rows = new ArrayList<>();
        for (MigrationInfo migration : migrations) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", migration.version());
            row.put("description", migration.description());
            row.put("type", migration.type());
            row.put("script", migration.script());
            row.put("state", migration.state());
            row.put("checksum", migration.checksum());
            row.put("appliedChecksum", migration.appliedChecksum());
            row.put("hasDown", migration.hasDown());
            row.put("installedOn", migration.installedOn());
            row.put("installedBy", migration.installedBy());
            row.put("executionTimeMs", migration.executionTimeMs());
            rows.add(row);
        }
        map.put("migrations", rows);
        List<Object> audit = new ArrayList<>();
        for (HistoryEntry entry : history) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", entry.id());
            row.put("version", entry.version());
            row.put("operation", entry.operation());
            row.put("success", entry.success());
            row.put("script", entry.script());
            row.put("installedBy", entry.installedBy());
            row.put("installedOn", entry.installedOn());
            row.put("executionTimeMs", entry.executionTimeMs());
            audit.add(row);
        }
        map.put("history", audit);
        List<Object> found = new ArrayList<>();
        for (Issue issue : issues) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("severity", issue.severity());
            row.put("code", issue.code());
            row.put("message", issue.message());
            row.put("version", issue.version());
            row.put("script", issue.script());
            found.add(row);
        }
        map.put("issues", found);
        return Json.write(map);
    }
}
