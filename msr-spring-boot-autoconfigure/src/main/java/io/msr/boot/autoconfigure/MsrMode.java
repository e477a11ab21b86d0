package io.msr.boot.autoconfigure;

/**
 * What MSR does when the application starts ({@code msr.mode}): whether it runs one operation and exits, and whether
 * it needs a database. What each one-shot mode runs is in {@code OneShotOperation}, the one table from mode to
 * operation.
 */
public enum MsrMode {
    /** Never writes: checks the schema version and reports it through health, endpoint and metrics (default). */
    VERIFY(false, false),
    /** One-shot: applies pending migrations and exits with the engine's exit code. */
    MIGRATE(true, true),
    /** Migrates under the lock during startup, then keeps serving (local development and tests). */
    MIGRATE_ON_START(false, true),
    /** One-shot: validates resolved migrations against history and exits. */
    VALIDATE(true, true),
    /** One-shot: prints every migration with its state and exits. */
    INFO(true, true),
    /** One-shot: reverts applied migrations down to {@code msr.target} and exits. */
    DOWN(true, true),
    /** One-shot: marks failed migrations resolved (and, with {@code msr.force}, accepts edited checksums). */
    REPAIR(true, true),
    /** One-shot: prints who holds the migration lock and exits. */
    LOCK_STATUS(true, true),
    /** One-shot: terminates the MSR runner holding the lock (needs {@code msr.force=true}) and exits. */
    LOCK_RELEASE(true, true),
    /** One-shot: backs the database up with pg_dump to a new file in {@code msr.backup.folder} and exits. */
    BACKUP(true, true),
    /** One-shot: restores {@code msr.backup.file} with pg_restore (needs {@code msr.force=true}) and exits. */
    RESTORE(true, true),
    /**
     * One-shot: records that the schema already holds everything up to {@code msr.baseline-version} (a BASELINE
     * history row) and exits; refused when MSR's history table holds any row.
     */
    BASELINE(true, true),
    /**
     * One-shot: compares the schema with the fingerprint recorded for its version and exits 0 when it matches (or,
     * with a warning, when there is no fingerprint to compare with) and 9 when it drifted; with
     * {@code msr.drift.record=true}, records the schema as it is as that fingerprint instead.
     */
    DRIFT(true, true),
    /**
     * One-shot: checks the migrations without a database (file names, duplicate versions, directives, placeholders,
     * down policy, the lint) and exits 0, or 2 on errors; needs no DataSource and never connects.
     */
    CHECK(true, false),
    /** MSR stays out of the way. */
    NONE(false, false);

    private final boolean oneShot;
    private final boolean needsDatabase;

    MsrMode(boolean oneShot, boolean needsDatabase) {
        this.oneShot = oneShot;
        this.needsDatabase = needsDatabase;
    }

    /** Returns true for modes that run one operation and exit, starting no web server. */
    public boolean oneShot() {
        return oneShot;
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
