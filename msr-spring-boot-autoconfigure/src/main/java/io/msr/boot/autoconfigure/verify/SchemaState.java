package io.msr.boot.autoconfigure.verify;

import io.msr.DeployPhase;
import io.msr.DriftResult;
import io.msr.InfoResult;
import io.msr.MigrationInfo;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The schema's state as verify mode last saw it: what health, the endpoint and the metrics report. Reading it
 * costs no query.
 *
 * @param status    UP, OUT_OF_SERVICE (migrations pending, or the schema ahead with allow-ahead off) or DOWN
 *                  (database unreachable, a failed or edited migration, validation errors a migrate would stop on)
 * @param reason    one sentence explaining the status
 * @param info      the last successful reading, or null when the database could not be read yet
 * @param error     the error of the last reading, or null when it succeeded
 * @param checkedAt when the state was read (for a stale state: when it was last read successfully)
 * @param staleSince when the database first failed to be read after the last successful reading, or null when
 *                  the state is fresh; a stale state keeps the last status for {@code msr.verify.stale-grace-period}
 * @param drift     how the schema differs from the fingerprint of its version, as last checked, or null when unknown
 *                  (not checked yet, the check failed, or {@code msr.drift.enabled=false})
 * @param schemas   with many schemas ({@code msr.schemas}), how many are ready, behind and down, and which come first;
 *                  {@code info} is then the first schema not ready (else the first schema); null with one schema
 */
public record SchemaState(Status status, String reason, @Nullable InfoResult info, @Nullable String error,
        Instant checkedAt, @Nullable Instant staleSince, @Nullable DriftResult drift,
        @Nullable SchemasSummary schemas) {

    /** A state of one schema. */
    public SchemaState(Status status, String reason, @Nullable InfoResult info, @Nullable String error,
            Instant checkedAt, @Nullable Instant staleSince, @Nullable DriftResult drift) {
        this(status, reason, info, error, checkedAt, staleSince, drift, null);
    }

    /** A state without a drift check. */
    public SchemaState(Status status, String reason, @Nullable InfoResult info, @Nullable String error,
            Instant checkedAt, @Nullable Instant staleSince) {
        this(status, reason, info, error, checkedAt, staleSince, null);
    }

    /** A fresh state: read just now, or failed to be read with nothing known before. */
    public SchemaState(Status status, String reason, @Nullable InfoResult info, @Nullable String error,
            Instant checkedAt) {
        this(status, reason, info, error, checkedAt, null);
    }

    /** Returns true when this state is the last successful reading, kept while the database cannot be read. */
    public boolean stale() {
        return staleSince != null;
    }

    /** The readiness verdict. */
    public enum Status {
        /** Nothing pending, nothing broken: ready. */
        UP,
        /** Migrations pending (or the schema is ahead and that is not allowed): not ready yet. */
        OUT_OF_SERVICE,
        /**
         * The database cannot be read, a migration failed, an applied migration was edited, or the files have
         * validation errors that would stop the migration Job.
         */
        DOWN,
        /** Not checked yet. */
        UNKNOWN
    }

    /** The state before the first check. */
    public static SchemaState unknown() {
        return new SchemaState(Status.UNKNOWN, "The schema has not been checked yet", null, null, Instant.now());
    }

    /** What the state waits for, in one line: the pending migrations when known, else the reason and error. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (info != null && !info.pending(DeployPhase.PRE_DEPLOY).isEmpty() && status == Status.OUT_OF_SERVICE) {
            List<MigrationInfo> pending = info.pending(DeployPhase.PRE_DEPLOY);
            text.append(pending.size()).append(" migration(s) pending: ").append(pending.stream()
                    .limit(InfoResult.PENDING_VERSIONS_SHOWN)
                    .map(migration -> migration.label() + " " + migration.script())
                    .collect(Collectors.joining(", "))).append(pending.size() > InfoResult.PENDING_VERSIONS_SHOWN
                    ? ", ..." : "");
        } else {
            text.append(reason);
        }
        if (error != null) {
            text.append(": ").append(error);
        }
        return text.toString();
    }
}
