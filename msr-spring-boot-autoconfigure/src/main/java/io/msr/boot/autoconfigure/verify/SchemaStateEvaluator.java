package io.msr.boot.autoconfigure.verify;

import io.msr.DeployPhase;
import io.msr.DriftResult;
import io.msr.InfoResult;
import io.msr.MigrationInfo;
import io.msr.Issue;
import io.msr.MigrationState;
import io.msr.MigrationType;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.Version;
import io.msr.boot.autoconfigure.oneshot.TargetSchemas;
import io.msr.boot.autoconfigure.oneshot.OneShotText;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the info of the {@link TargetSchemas target schemas} into the readiness verdict of verify mode: ready only when
 * every schema is, each schema judged by {@link #evaluate(InfoResult, boolean, Instant)}, a schema that could not be
 * read counting as down. A set of one is its schema's own verdict. Pure.
 */
public final class SchemaStateEvaluator {

    private SchemaStateEvaluator() {
    }

    /** Returns the verdict over {@code result}, the info of each of {@code targets}. */
    static SchemaState evaluate(TargetSchemas targets, SchemasResult<InfoResult> result, boolean allowAhead,
            Instant now) {
        if (!targets.listed()) {
            return evaluate(result.schemas().get(0).result(), allowAhead, now);
        }
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
            SchemaState one = evaluate(info, allowAhead, now);
            pre += info.pending(DeployPhase.PRE_DEPLOY).size();
            post += info.pending(DeployPhase.POST_DEPLOY).size();
            failed += info.inState(MigrationState.FAILED).size();
            applied += applied(info);
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

    public static SchemaState evaluate(InfoResult info, boolean allowAhead) {
        return evaluate(info, allowAhead, Instant.now());
    }

    static SchemaState evaluate(InfoResult info, boolean allowAhead, Instant now) {
        int failed = info.inState(MigrationState.FAILED).size();
        int edited = info.inState(MigrationState.CHECKSUM_MISMATCH).size();
        int missing = info.inState(MigrationState.MISSING).size();
        if (failed > 0) {
            return new SchemaState(SchemaState.Status.DOWN, failed + " migration(s) failed and need repair", info, null,
                    now);
        }
        if (edited > 0) {
            return new SchemaState(SchemaState.Status.DOWN, edited + " applied migration(s) were edited afterwards",
                    info, null, now);
        }
        List<Issue> errors = errors(info);
        if (!errors.isEmpty()) {
            // The Job would exit 2 on these and run nothing: a schema that cannot be migrated is not ready.
            return new SchemaState(SchemaState.Status.DOWN, errors.size() + " validation error(s) would stop the"
                    + " migration Job: " + errors.get(0).message(), info, null, now);
        }
        List<MigrationInfo> preDeploy = info.pending(DeployPhase.PRE_DEPLOY);
        if (!preDeploy.isEmpty()) {
            return new SchemaState(SchemaState.Status.OUT_OF_SERVICE, preDeploy.size() + " migration(s) pending, first "
                    + preDeploy.get(0).label() + "; waiting for the migration Job", info, null, now);
        }
        if (info.schemaAhead() && !allowAhead) {
            return new SchemaState(SchemaState.Status.OUT_OF_SERVICE, "The schema is ahead of this application"
                    + " (msr.verify.allow-ahead=false)", info, null, now);
        }
        String ahead = info.schemaAhead() ? " (the schema is ahead of this application)" : "";
        String gap = missing > 0 ? "; " + missing + " applied migration(s) not found locally" : "";
        // Post-deploy migrations wait for this very rollout to finish: they never hold a replica back.
        List<MigrationInfo> postDeploy = info.pending(DeployPhase.POST_DEPLOY);
        String contract = postDeploy.isEmpty() ? "" : "; " + postDeploy.size() + " post-deploy migration(s) pending,"
                + " first " + postDeploy.get(0).label() + ", for the post-deploy Job after the rollout";
        return new SchemaState(SchemaState.Status.UP, "Schema at version "
                + (info.schemaVersion() == null ? "<none>" : "V" + info.schemaVersion()) + ahead + gap + contract, info,
                null, now);
    }

    /**
     * Adds the drift check to the state. Drift leaves readiness alone unless {@code failOnDrift}
     * ({@code msr.verify.fail-on-drift}): then an UP schema that drifted is DOWN, with a reason naming the drift.
     */
    static SchemaState withDrift(SchemaState state, @Nullable DriftResult drift, boolean failOnDrift) {
        if (drift == null) {
            return state;
        }
        if (failOnDrift && drift.hasDrift() && state.status() == SchemaState.Status.UP) {
            return new SchemaState(SchemaState.Status.DOWN, "Schema drift (msr.verify.fail-on-drift=true): "
                    + drift.differences().size() + " difference(s) from the fingerprint of V" + drift.version()
                    + ", first " + drift.differences().get(0).describe(), state.info(), state.error(),
                    state.checkedAt(), state.staleSince(), drift);
        }
        return new SchemaState(state.status(), state.reason(), state.info(), state.error(), state.checkedAt(),
                state.staleSince(), drift);
    }

    /**
     * The errors of the info result (strict mode already applied by the engine), as a migrate would report them;
     * except a schema ahead of this application, which {@code msr.verify.allow-ahead} decides: during a rolling update
     * the previous release's replicas see the new release's migrations applied, and must stay ready even with
     * {@code msr.strict}.
     */
    static List<Issue> errors(InfoResult info) {
        return info.issues().stream().filter(Issue::isError).filter(issue -> !"AHEAD".equals(issue.code())).toList();
    }

    /**
     * The migrations the schema holds: applied (edited, ahead and missing ones too) and those covered by a baseline;
     * the baseline row itself is no migration.
     */
    public static int applied(InfoResult info) {
        int baselineRows = (int) info.inState(MigrationState.APPLIED).stream()
                .filter(migration -> migration.type() == MigrationType.BASELINE).count();
        return info.inState(MigrationState.APPLIED).size() - baselineRows
                + info.inState(MigrationState.CHECKSUM_MISMATCH).size() + info.inState(MigrationState.AHEAD).size()
                + info.inState(MigrationState.MISSING).size() + info.inState(MigrationState.BELOW_BASELINE).size();
    }
}
