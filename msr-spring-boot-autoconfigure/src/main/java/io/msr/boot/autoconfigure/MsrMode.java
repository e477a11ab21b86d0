package io.msr.boot.autoconfigure;

/** What MSR does when the application starts ({@code msr.mode}). */
public enum MsrMode {
    /** Never writes: checks the schema version and reports it through health, endpoint and metrics (default). */
    VERIFY(false),
    /** One-shot: applies pending migrations and exits with the engine's exit code. */
    MIGRATE(true),
    /** Migrates under the lock during startup, then keeps serving (local development and tests). */
    MIGRATE_ON_START(false),
    /** One-shot: validates resolved migrations against history and exits. */
    VALIDATE(true),
    /** One-shot: prints every migration with its state and exits. */
    INFO(true),
    /** One-shot: reverts applied migrations down to {@code msr.target} and exits. */
    DOWN(true),
    /** One-shot: marks failed migrations resolved (and, with {@code msr.force}, accepts edited checksums). */
    REPAIR(true),
    /** One-shot: prints who holds the migration lock and exits. */
    LOCK_STATUS(true),
    /** One-shot: terminates the MSR runner holding the lock (needs {@code msr.force=true}) and exits. */
    LOCK_RELEASE(true),
    /** One-shot: backs the database up with pg_dump to a new file in {@code msr.backup.folder} and exits. */
    BACKUP(true),
    /** One-shot: restores {@code msr.backup.file} with pg_restore (needs {@code msr.force=true}) and exits. */
    RESTORE(true),
    /**
     * One-shot: records that the schema already holds everything up to {@code msr.baseline-version} (a BASELINE
     * history row) and exits; refused when MSR's history table holds any row.
     */
    BASELINE(true),
    /**
     * One-shot: compares the schema with the fingerprint recorded for its version and exits 0 when it matches (or,
     * with a warning, when there is no fingerprint to compare with) and 9 when it drifted; with
     * {@code msr.drift.record=true}, records the schema as it is as that fingerprint instead.
     */
    DRIFT(true),
    /**
     * One-shot: checks the migrations without a database (file names, duplicate versions, directives, placeholders,
     * down policy, the lint) and exits 0, or 2 on errors; needs no DataSource and never connects.
     */
    CHECK(true),
    /** MSR stays out of the way. */
    NONE(false);

    private final boolean oneShot;

    MsrMode(boolean oneShot) {
        this.oneShot = oneShot;
    }

    /** Returns true for modes that run one operation and exit, starting no web server. */
    public boolean oneShot() {
        return oneShot;
    }

    /** Returns the property value that selects this mode, e.g. {@code migrate-on-start}. */
    public String propertyValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
