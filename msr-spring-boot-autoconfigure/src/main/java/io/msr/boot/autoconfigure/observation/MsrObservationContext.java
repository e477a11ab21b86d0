package io.msr.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.msr.DeployPhase;
import io.msr.Direction;
import io.msr.MigrationType;
import io.msr.Operation;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link MsrObservationConvention} reads: which of MSR's observations this is ({@link #kind()}), the
 * operation it belongs to and, for a migration, which one. Values not known yet are null: a migration's type and
 * phase until it ends, every outcome until the observation stops.
 */
public final class MsrObservationContext extends Observation.Context {

    /** Which observation: the names are in {@link MsrObservations}. */
    public enum Kind {
        /** {@link MsrObservations#OPERATION}. */
        OPERATION,
        /** {@link MsrObservations#LOCK_WAIT}. */
        LOCK_WAIT,
        /** {@link MsrObservations#MIGRATION}. */
        MIGRATION
    }

    /** How the observed work ended. */
    public enum Outcome {
        /** It succeeded; for the lock, it was acquired. */
        SUCCESS,
        /** It failed; the observation carries the error. */
        FAILURE,
        /** A migration attempt failed on a transient error and is tried again. */
        RETRIED,
        /** For the lock: the wait ended without it, as another runner had done the work (migrate only). */
        NOT_NEEDED
    }

    private final Kind kind;
    private final Operation operation;
    private final @Nullable String lockKey;
    private final @Nullable Version version;
    private final @Nullable String description;
    private final @Nullable String script;
    private final @Nullable Direction direction;
    private @Nullable MigrationType type;
    private @Nullable DeployPhase phase;
    private @Nullable Outcome outcome;

    private MsrObservationContext(Kind kind, Operation operation, @Nullable String lockKey, @Nullable Version version,
            @Nullable String description, @Nullable String script, @Nullable Direction direction) {
        this.kind = kind;
        this.operation = operation;
        this.lockKey = lockKey;
        this.version = version;
        this.description = description;
        this.script = script;
        this.direction = direction;
    }

    static MsrObservationContext operation(Operation operation) {
        return new MsrObservationContext(Kind.OPERATION, operation, null, null, null, null, null);
    }

    static MsrObservationContext lockWait(Operation operation, String lockKey) {
        return new MsrObservationContext(Kind.LOCK_WAIT, operation, lockKey, null, null, null, null);
    }

    static MsrObservationContext migration(Operation operation, Version version, String description, String script,
            Direction direction) {
        return new MsrObservationContext(Kind.MIGRATION, operation, null, version, description, script, direction);
    }

    /** Returns which observation this is. */
    public Kind kind() {
        return kind;
    }

    /** Returns the operation observed, or the one the lock wait or migration belongs to. */
    public Operation operation() {
        return operation;
    }

    /** Returns the lock's key for {@link Kind#LOCK_WAIT}, else null. */
    public @Nullable String lockKey() {
        return lockKey;
    }

    /** Returns the migration's version, or null (not a migration, or a repeatable one). */
    public @Nullable Version version() {
        return version;
    }

    /** Returns the migration's description, or null when this is not a migration. */
    public @Nullable String description() {
        return description;
    }

    /** Returns the file or class the migration runs, or null when this is not a migration. */
    public @Nullable String script() {
        return script;
    }

    /** Returns the migration's direction, or null when this is not a migration. */
    public @Nullable Direction direction() {
        return direction;
    }

    /** Returns the migration's type once it ended, else null. */
    public @Nullable MigrationType type() {
        return type;
    }

    /** Returns the migration's phase once it ended, else null. */
    public @Nullable DeployPhase phase() {
        return phase;
    }

    /** Returns how it ended, or null while it runs. */
    public @Nullable Outcome outcome() {
        return outcome;
    }

    void ended(MigrationType type, DeployPhase phase) {
        this.type = type;
        this.phase = phase;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
