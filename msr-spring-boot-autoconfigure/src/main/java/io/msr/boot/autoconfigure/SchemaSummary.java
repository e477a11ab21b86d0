package io.msr.boot.autoconfigure;

import io.msr.InfoResult;
import io.msr.Issue;
import io.msr.MigrationInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema state as health details and endpoint content, under the field names of the engine's own results
 * ({@link InfoResult#summary()}, {@link MigrationInfo#toMap()}): one shape for the info result, the one-shot
 * summary, the termination message, health and the endpoint. Plain maps, no password, no query.
 */
final class SchemaSummary {

    private SchemaSummary() {
    }

    static Map<String, Object> of(SchemaState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        InfoResult info = state.info();
        if (info != null) {
            details.putAll(info.summary());
            List<String> errors = SchemaStateEvaluator.errors(info).stream().map(Issue::message).toList();
            if (!errors.isEmpty()) {
                details.put("errors", errors);
            }
        }
        details.put("reason", state.reason());
        if (state.error() != null) {
            details.put("error", state.error());
        }
        if (state.stale()) {
            details.put("stale", true);
            details.put("staleSince", state.staleSince().toString());
        }
        details.put("checkedAt", state.checkedAt().toString());
        return details;
    }

    static List<Map<String, Object>> migrations(SchemaState state) {
        List<Map<String, Object>> migrations = new ArrayList<>();
        if (state.info() != null) {
            state.info().migrations().forEach(migration -> migrations.add(migration.toMap()));
        }
        return migrations;
    }
}
