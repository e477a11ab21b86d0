package io.msr.boot.autoconfigure;

/**
 * Every meter MSR registers, in one place. Tags have bounded values only: versions never become tags (they
 * grow without bound); they go to logs and summaries instead. With the Prometheus registry the names read
 * {@code msr_migrations_pending}, {@code msr_migration_duration_seconds} and so on.
 */
public final class MsrMeters {

    /** Gauge: highest applied version (verify mode); NaN before the first reading or with none applied. */
    public static final String SCHEMA_VERSION = "msr.schema.version";
    /**
     * Gauge: migrations pending (verify mode), one per {@link #PHASE_TAG} value: {@code pre-deploy} ones hold
     * replicas back, {@code post-deploy} ones wait for the post-deploy Job after the rollout.
     */
    public static final String MIGRATIONS_PENDING = "msr.migrations.pending";
    /** Gauge: migrations applied (verify mode). */
    public static final String MIGRATIONS_APPLIED = "msr.migrations.applied";
    /** Gauge: failed migrations waiting for repair (verify mode). */
    public static final String MIGRATIONS_FAILED = "msr.migrations.failed";
    /**
     * Gauge: differences between the schema and the fingerprint of its version (verify mode); NaN while unknown: before
     * the first check, without a fingerprint, or when the check fails.
     */
    public static final String SCHEMA_DRIFT = "msr.schema.drift";
    /**
     * Counter: readings of the schema that failed (verify mode), each a refresh that could not read the database or
     * the migrations; the gauges above then keep the last good reading. With Prometheus {@code
     * msr_verify_refresh_errors_total}.
     */
    public static final String VERIFY_REFRESH_ERRORS = "msr.verify.refresh.errors";
    /**
     * Timer: one migration; tags {@code type} (sql, java) and {@code outcome} (success, failure). Publishes
     * histogram buckets for quantiles per type: a dozen fixed bounds from 10 ms to an hour (Prometheus {@code le}
     * 0.01 to 3600) rather than Micrometer's ~70 computed ones; {@code management.metrics.distribution.*} still
     * applies on top.
     */
    public static final String MIGRATION_DURATION = "msr.migration.duration";
    /** Timer: a whole operation (migrate, down, repair...); tags {@code operation} and {@code outcome}. */
    public static final String MIGRATE_DURATION = "msr.migrate.duration";
    /**
     * Timer: waiting for the migration lock; tag {@code outcome}: acquired, or not_needed when a migrate runner stopped
     * waiting because another runner had done its work. The same buckets as migrations.
     */
    public static final String LOCK_WAIT = "msr.lock.wait";
    /**
     * Gauge: with many schemas ({@code msr.schemas}), the schemas by readiness, one per {@link #STATE_TAG} value:
     * {@code ready}, {@code behind} (waiting for the migration Job) and {@code down}. There is no tag per schema; the
     * other gauges sum over the schemas, and {@link #SCHEMA_VERSION} is the lowest schema version.
     */
    public static final String SCHEMAS = "msr.schemas";

    /** The tag of {@link #SCHEMAS}: {@code ready}, {@code behind} or {@code down}. */
    public static final String STATE_TAG = "state";

    /** The tag of {@link #MIGRATIONS_PENDING}: the migrations' phase, {@code pre-deploy} or {@code post-deploy}. */
    public static final String PHASE_TAG = "phase";

    private MsrMeters() {
    }
}
