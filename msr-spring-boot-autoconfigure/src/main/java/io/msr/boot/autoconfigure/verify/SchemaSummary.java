package io.msr.boot.autoconfigure.verify;

import io.msr.DriftResult;
import io.msr.InfoResult;
import io.msr.Issue;
import io.msr.MigrationInfo;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema state as health details and endpoint content, under the field names of the engine's own results
 * ({@link InfoResult#summary()}, {@link MigrationInfo#toMap()}): one shape for the info result, the one-shot
 * summary, the termination message, health and the endpoint. Plain maps, no password, no query.
 */
public final class SchemaSummary {

    private static final int DRIFT_OBJECTS_SHOWN = 5;

    private SchemaSummary() {
    }

    public static Map<String, @Nullable Object> of(SchemaState state) {
        Map<String, @Nullable Object> details = new LinkedHashMap<>();
        InfoResult info = state.info();
        if (state.schemas() != null) {
            details.put("schemas", state.schemas().toMap());
        } else if (info != null) {
            details.putAll(info.summary());
            List<String> errors = SchemaStateEvaluator.errors(info).stream().map(Issue::message).toList();
            if (!errors.isEmpty()) {
                details.put("errors", errors);
            }
        }
        if (state.drift() != null) {
            details.put("drift", drift(state.drift()));
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

    /**
     * The drift check in a few fields: {@code status}, {@code differences} (the count), {@code objects} (the first
     * few differences, one line each), {@code fingerprintVersion}, {@code fingerprintCapturedAt}; and the
     * {@code message} when there was nothing to compare.
     */
    static Map<String, @Nullable Object> drift(DriftResult drift) {
        Map<String, @Nullable Object> details = new LinkedHashMap<>();
        details.put("status", drift.status().name());
        if (drift.status() == DriftResult.Status.NO_FINGERPRINT) {
            details.put("message", drift.message());
            return details;
        }
        details.put("differences", drift.differences().size());
        if (drift.hasDrift()) {
            details.put("objects", drift.differences().stream().limit(DRIFT_OBJECTS_SHOWN)
                    .map(difference -> clip(difference.describe())).toList());
        }
        details.put("fingerprintVersion", drift.version() == null ? null : drift.version().toString());
        details.put("fingerprintCapturedAt", String.valueOf(drift.fingerprintCapturedAt()));
        return details;
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "~";
    }

    public static List<Map<String, @Nullable Object>> migrations(SchemaState state) {
        List<Map<String, @Nullable Object>> migrations = new ArrayList<>();
        if (state.info() != null) {
            state.info().migrations().forEach(migration -> migrations.add(migration.toMap()));
        }
        return migrations;
    }
}
