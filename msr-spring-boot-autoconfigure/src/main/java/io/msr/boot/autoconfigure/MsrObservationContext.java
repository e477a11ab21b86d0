package io.msr.boot.autoconfigure;

import io.micrometer.observation.Observation;
import io.msr.DeployPhase;
import io.msr.Direction;
import io.msr.MigrationType;
import io.msr.Operation;
import io.msr.Version;

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
    private final String lockKey;
    private final Version version;
    private final String description;
    private final String script;
    private final Direction direction;
    private MigrationType type;
    private DeployPhase phase;
    private Outcome outcome;

    private MsrObservationContext(Kind kind, Operation operation, String lockKey, Version version,
            String description, String script, Direction direction) {
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
    public String lockKey() {
        return lockKey;
    }

    /** Returns the migration's version, or null (not a migration, or a repeatable one). */
    public Version version() {
        return version;
    }

    /** Returns the migration's description, or null when this is not a migration. */
    public String description() {
        return description;
    }

    /** Returns the file or class the migration runs, or null when this is not a migration. */
    public String script() {
        return script;
    }

    /** Returns the migration's direction, or null when this is not a migration. */
    public Direction direction() {
        return direction;
    }

    /** Returns the migration's type once it ended, else null. */
    public MigrationType type() {
        return type;
    }

    /** Returns the migration's phase once it ended, else null. */
    public DeployPhase phase() {
        return phase;
    }

    /** Returns how it ended, or null while it runs. */
    public Outcome outcome() {
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
