package io.msr.boot.autoconfigure.oneshot;

import io.msr.ConfigurationException;
import io.msr.Msr;
import io.msr.MsrResult;
import io.msr.Operation;

/**
 * The one table from the operation of a one-shot {@code msr.mode} (the mode names it: {@code MsrMode.operation()}) to
 * what runs: how it runs on one schema and, with many schemas ({@code msr.schemas} or an {@code MsrSchemaSource}),
 * whether it runs over each of them, once for the whole database, or not at all. Whether it needs a database is the
 * mode's ({@link OneShotSettings#needsDatabase()}): an operation that needs none is never given an engine.
 *
 * @param operation   the operation, as named in results (also in the result of its failure)
 * @param onOneSchema how it runs on one schema (or on none, for check)
 * @param overSchemas how it runs when there are many schemas: in each ({@link Msr#acrossSchemas()}), once as on one
 *                    schema (it works on the whole database, or on none), or not at all (it is about one schema's
 *                    lock, and refuses rather than guess which)
 */
record OneShotOperation(Operation operation, Step onOneSchema, Step overSchemas) {

    /** One way of running the operation. */
    @FunctionalInterface
    interface Step {
        /** Runs it; throws what the engine throws. */
        MsrResult run(OneShotInputs inputs);
    }

    /** Returns how the operation of a one-shot mode runs. */
    static OneShotOperation of(Operation operation) {
        return switch (operation) {
            case MIGRATE -> each(Operation.MIGRATE, in -> in.msr().migrate(), in -> in.schemas().migrate());
            case VALIDATE -> each(Operation.VALIDATE, in -> in.msr().validate(), in -> in.schemas().validate());
            case INFO -> each(Operation.INFO, in -> in.msr().info(), in -> in.schemas().info());
            case DOWN -> each(Operation.DOWN, in -> in.msr().down(in.downTarget()),
                    in -> in.schemas().down(in.downTarget()));
            case REPAIR -> each(Operation.REPAIR, in -> in.msr().repair(), in -> in.schemas().repair());
            case BASELINE -> each(Operation.BASELINE, in -> in.msr().baseline(in.baselineVersion()),
                    in -> in.schemas().baseline(in.baselineVersion()));
            case DRIFT -> each(Operation.DRIFT,
                    in -> in.recordDrift() ? in.msr().recordFingerprint() : in.msr().drift(),
                    in -> in.recordDrift() ? in.schemas().recordFingerprint() : in.schemas().drift());
            case LOCK_STATUS -> oneSchemaOnly(Operation.LOCK_STATUS, in -> in.msr().lockStatus());
            case LOCK_RELEASE -> oneSchemaOnly(Operation.LOCK_RELEASE, in -> in.msr().releaseLock().asLockRelease());
            case BACKUP -> once(Operation.BACKUP, in -> in.msr().backup());
            case RESTORE -> once(Operation.RESTORE, in -> in.msr().restore(in.backupFile()));
            case CHECK -> once(Operation.CHECK, in -> Msr.check(in.checkSettings()));
            default -> throw new IllegalArgumentException(operation + " is not the operation of a one-shot mode");
        };
    }

    /** Runs the operation on {@code targets}: over the schemas when they are listed, else on the one schema. */
    MsrResult run(OneShotInputs inputs, TargetSchemas targets) {
        return (targets.listed() ? overSchemas : onOneSchema).run(inputs);
    }

    /** An operation that runs in each schema when there are many. */
    private static OneShotOperation each(Operation operation, Step onOneSchema, Step overSchemas) {
        return new OneShotOperation(operation, onOneSchema, overSchemas);
    }

    /** An operation that runs once whatever the schemas: on the whole database, or on none. */
    private static OneShotOperation once(Operation operation, Step step) {
        return new OneShotOperation(operation, step, step);
    }

    /** An operation about one schema's lock: refused when there are many schemas. */
    private static OneShotOperation oneSchemaOnly(Operation operation, Step step) {
        return new OneShotOperation(operation, step, in -> {
            throw new ConfigurationException("msr.mode=" + in.mode() + " works on one schema's"
                    + " lock, not over msr.schemas: run it without msr.schemas (and without an MsrSchemaSource), with"
                    + " msr.schema naming the schema whose lock it is about.");
        });
    }
}
