package io.msr.boot.autoconfigure.verify;

import io.msr.DeployPhase;
import io.msr.InfoResult;
import io.msr.MigrationState;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.Version;
import io.msr.boot.autoconfigure.oneshot.OneShotText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the info of many schemas into one readiness verdict: ready only when every schema is; each schema judged as
 * {@link SchemaStateEvaluator} judges one, a schema that could not be read counting as down. Pure.
 */
final class SchemasStateEvaluator {

    private SchemasStateEvaluator() {
    }

    static SchemaState evaluate(SchemasResult<InfoResult> result, boolean allowAhead, Instant now) {
        int ready = 0;
        int pre = 0;
        int post = 0;
        int failed = 0;
        int applied = 0;
        Version lowest = null;
        boolean someWithout = false;
        List<String> behind = new ArrayList<>();
        int behindCount = 0;
        List<String> down = new ArrayList<>();
        int downCount = 0;
        InfoResult shown = null;
        for (SchemaOutcome<InfoResult> outcome : result.schemas()) {
            InfoResult info = outcome.result();
            if (info == null) {
                downCount++;
                add(down, outcome.schema() + ": could not be read: " + (outcome.failure() == null ? "not started"
                        : OneShotText.clip(outcome.failure().message(), 200)));
                continue;
            }
            SchemaState one = SchemaStateEvaluator.evaluate(info, allowAhead, now);
            pre += info.pending(DeployPhase.PRE_DEPLOY).size();
            post += info.pending(DeployPhase.POST_DEPLOY).size();
            failed += info.inState(MigrationState.FAILED).size();
            applied += SchemaStateEvaluator.applied(info);
            if (info.schemaVersion() == null) {
                someWithout = true;
            } else if (lowest == null || info.schemaVersion().compareTo(lowest) < 0) {
                lowest = info.schemaVersion();
            }
            switch (one.status()) {
                case UP -> ready++;
                case OUT_OF_SERVICE -> {
                    behindCount++;
                    add(behind, outcome.schema() + ": " + one.reason());
                }
                default -> {
                    downCount++;
                    add(down, outcome.schema() + ": " + one.reason());
                }
            }
            if (shown == null && one.status() != SchemaState.Status.UP) {
                shown = info;
            }
        }
        if (shown == null && !result.schemas().isEmpty()) {
            shown = result.schemas().get(0).result();
        }
        int total = result.schemas().size();
        SchemasSummary summary = new SchemasSummary(total, ready, behindCount, downCount, pre, post, failed, applied,
                someWithout ? null : lowest, behind, down);
        SchemaState.Status status = downCount > 0 ? SchemaState.Status.DOWN
                : behindCount > 0 ? SchemaState.Status.OUT_OF_SERVICE : SchemaState.Status.UP;
        String reason = switch (status) {
            case DOWN -> downCount + " of " + total + " schema(s) cannot be migrated or read; first " + down.get(0);
            case OUT_OF_SERVICE -> behindCount + " of " + total + " schema(s) behind, waiting for the migration Job;"
                    + " first " + behind.get(0);
            default -> total == 0 ? "No schema is listed (msr.schemas or the MsrSchemaSource)"
                    : "All " + total + " schema(s) current, the lowest at version "
                    + (summary.lowestVersion() == null ? "<none>" : "V" + summary.lowestVersion());
        };
        return new SchemaState(status, reason, shown, null, now, null, null, summary);
    }

    private static void add(List<String> names, String entry) {
        if (names.size() < SchemasSummary.NAMES_SHOWN) {
            names.add(entry);
        }
    }
}
