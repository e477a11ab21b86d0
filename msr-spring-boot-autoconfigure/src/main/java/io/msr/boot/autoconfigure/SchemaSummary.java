package io.msr.boot.autoconfigure;

import io.msr.InfoResult;
import io.msr.MigrationInfo;
import io.msr.MigrationState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schema state as health details and endpoint content: plain maps, no password, no query. */
final class SchemaSummary {

    private static final int PENDING_SHOWN = 5;

    private SchemaSummary() {
    }

    static Map<String, Object> of(SchemaState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        InfoResult info = state.info();
        if (info != null) {
            details.put("schemaVersion", info.schemaVersion());
            details.put("expectedVersion", info.latestVersion());
            List<MigrationInfo> pending = info.pending();
            details.put("pending", pending.size());
            details.put("pendingVersions", pending.stream().limit(PENDING_SHOWN).map(MigrationInfo::version).toList());
            details.put("schemaAhead", info.schemaAhead());
            info.lastApplied().ifPresent(last -> {
                Map<String, Object> applied = new LinkedHashMap<>();
                applied.put("version", last.version());
                applied.put("description", last.description());
                applied.put("installedOn", String.valueOf(last.installedOn()));
                details.put("lastApplied", applied);
            });
            details.put("failed", info.inState(MigrationState.FAILED).size());
            details.put("checksumMismatches", info.inState(MigrationState.CHECKSUM_MISMATCH).size());
        }
        details.put("reason", state.reason());
        if (state.error() != null) {
            details.put("error", state.error());
        }
        details.put("checkedAt", state.checkedAt().toString());
        return details;
    }

    static List<Map<String, Object>> migrations(SchemaState state) {
        List<Map<String, Object>> migrations = new ArrayList<>();
        if (state.info() == null) {
            return migrations;
        }
        for (MigrationInfo migration : state.info().migrations()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", migration.version());
            row.put("description", migration.description());
            row.put("type", migration.type().name());
            row.put("script", migration.script());
            row.put("state", migration.state().name());
            row.put("checksum", migration.checksum());
            row.put("installedOn", migration.installedOn() == null ? null : migration.installedOn().toString());
            row.put("executionTimeMs", migration.executionTimeMs());
            migrations.add(row);
        }
        return migrations;
    }
}
