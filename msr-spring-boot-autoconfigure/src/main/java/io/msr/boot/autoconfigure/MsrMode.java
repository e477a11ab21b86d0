package io.msr.boot.autoconfigure;

import io.msr.Operation;

/**
 * What MSR does when the application starts ({@code msr.mode}): whether it runs one operation and exits, and whether
 * it needs a database. A one-shot mode names the {@link Operation} it runs ({@link #operation()}); how each operation
 * runs is in {@code OneShotOperation}, the one table from operation to what runs.
 */
public enum MsrMode {
    /** Never writes: checks the schema version and reports it through health, endpoint and metrics (default). */
    VERIFY(null, false),
    /** One-shot: applies pending migrations and exits with the engine's exit code. */
    MIGRATE(Operation.MIGRATE, true),
    /** Migrates under the lock during startup, then keeps serving (local development and tests). */
    MIGRATE_ON_START(null, true),
    /** One-shot: validates resolved migrations against history and exits. */
    VALIDATE(Operation.VALIDATE, true),
    /** One-shot: prints every migration with its state and exits. */
    INFO(Operation.INFO, true),
    /** One-shot: reverts applied migrations down to {@code msr.target} and exits. */
    DOWN(Operation.DOWN, true),
    /** One-shot: marks failed migrations resolved (and, with {@code msr.force}, accepts edited checksums). */
    REPAIR(Operation.REPAIR, true),
    /** One-shot: prints who holds the migration lock and exits. */
    LOCK_STATUS(Operation.LOCK_STATUS, true),
    /** One-shot: terminates the MSR runner holding the lock (needs {@code msr.force=true}) and exits. */
    LOCK_RELEASE(Operation.LOCK_RELEASE, true),
    /** One-shot: backs the database up with pg_dump to a new file in {@code msr.backup.folder} and exits. */
    BACKUP(Operation.BACKUP, true),
    /** One-shot: restores {@code msr.backup.file} with pg_restore (needs {@code msr.force=true}) and exits. */
    RESTORE(Operation.RESTORE, true),
    /**
     * One-shot: records that the schema already holds everything up to {@code msr.baseline-version} (a BASELINE
     * history row) and exits; refused when MSR's history table holds any row.
     */
    BASELINE(Operation.BASELINE, true),
    /**
     * One-shot: compares the schema with the fingerprint recorded for its version and exits 0 when it matches (or,
     * with a warning, when there is no fingerprint to compare with) and 9 when it drifted; with
     * {@code msr.drift.record=true}, records the schema as it is as that fingerprint instead.
     */
    DRIFT(Operation.DRIFT, true),
    /**
     * One-shot: checks the migrations without a database (file names, duplicate versions, directives, placeholders,
     * down policy, the lint) and exits 0, or 2 on errors; needs no DataSource and never connects.
     */
    CHECK(Operation.CHECK, false),
    /** MSR stays out of the way. */
    NONE(null, false);

    private final Operation operation;
    private final boolean needsDatabase;

    MsrMode(Operation operation, boolean needsDatabase) {
        this.operation = operation;
        this.needsDatabase = needsDatabase;
    }

    /** Returns true for modes that run one operation and exit, starting no web server. */
    public boolean oneShot() {
        return operation != null;
    }

    /** Returns the operation a one-shot mode runs (its name is the mode's), or null for a mode that runs none. */
    public Operation operation() {
        return operation;
    }

    /**
     * Returns true for modes that cannot work without a database: startup fails, saying so, when none is configured.
     * Verify mode backs off instead (there is nothing to verify), check mode never connects, none does nothing.
     */
    public boolean needsDatabase() {
        return needsDatabase;
    }

    /** Returns the property value that selects this mode, e.g. {@code migrate-on-start}. */
    public String propertyValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
