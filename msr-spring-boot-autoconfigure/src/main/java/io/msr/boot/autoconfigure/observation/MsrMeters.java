package io.msr.boot.autoconfigure.observation;

import io.msr.boot.autoconfigure.verify.SchemaMetrics;

/**
 * Every meter MSR registers, in one place. Tags have bounded values only: versions never become tags (they
 * grow without bound); they go to logs and summaries instead. With the Prometheus registry the names read
 * {@code msr_migrations_pending}, {@code msr_migration_seconds} and so on.
 *
 * <p>The timers are one family with the observations of {@link MsrObservations}: each observation is a timer under
 * its own name ({@link #OPERATION}, {@link #LOCK_ACQUIRE}, {@link #MIGRATION}), its low-cardinality keys as tags
 * plus {@code error} (the exception's simple class name, or {@code none}), and a long-task timer of what runs now
 * under the name plus {@code .active}. Spring Boot's meter handler records them from the application's
 * {@code ObservationRegistry}; without one, MSR observes into a registry of its own that feeds the
 * {@code MeterRegistry} the same way, so that a set-up with meters always has them. {@link #MIGRATION} and
 * {@link #LOCK_ACQUIRE} publish fixed histogram buckets (Prometheus {@code le} 0.01 to 3600: a dozen bounds from
 * 10 ms to an hour rather than Micrometer's ~70 computed ones) through a {@code MeterFilter} bean, unless
 * {@code management.metrics.distribution.slo.*} names others.
 *
 * <p>The older timers {@link #MIGRATE_DURATION}, {@link #MIGRATION_DURATION} and {@link #LOCK_WAIT} measure the same
 * events under other names: they are deprecated, still published in this release, and turned off now by
 * {@code msr.metrics.deprecated-timers.enabled=false}.
 */
public final class MsrMeters {

    /** Gauge: highest applied version (verify mode); NaN before the first reading or with none applied. */
    public static final String SCHEMA_VERSION = SchemaMetrics.SCHEMA_VERSION;
    /**
     * Gauge: migrations pending (verify mode), one per {@link #PHASE_TAG} value: {@code pre-deploy} ones hold
     * replicas back, {@code post-deploy} ones wait for the post-deploy Job after the rollout.
     */
    public static final String MIGRATIONS_PENDING = SchemaMetrics.MIGRATIONS_PENDING;
    /** Gauge: migrations applied (verify mode). */
    public static final String MIGRATIONS_APPLIED = SchemaMetrics.MIGRATIONS_APPLIED;
    /** Gauge: failed migrations waiting for repair (verify mode). */
    public static final String MIGRATIONS_FAILED = SchemaMetrics.MIGRATIONS_FAILED;
    /**
     * Gauge: differences between the schema and the fingerprint of its version (verify mode); NaN while unknown: before
     * the first check, without a fingerprint, or when the check fails.
     */
    public static final String SCHEMA_DRIFT = SchemaMetrics.SCHEMA_DRIFT;
    /**
     * Counter: readings of the schema that failed (verify mode), each a refresh that could not read the database or
     * the migrations; the gauges above then keep the last good reading. With Prometheus {@code
     * msr_verify_refresh_errors_total}.
     */
    public static final String VERIFY_REFRESH_ERRORS = SchemaMetrics.VERIFY_REFRESH_ERRORS;
    /**
     * Timer: a whole operation (migrate, down, repair, baseline, backup, restore, validate), lock wait included; tags
     * {@code operation}, {@code outcome} (success, failure) and {@code error}. With Prometheus
     * {@code msr_operation_seconds}, and {@code msr_operation_active_seconds} for the runs in progress. The timer of
     * the observation {@link MsrObservations#OPERATION}; replaces {@link #MIGRATE_DURATION}.
     */
    public static final String OPERATION = MsrObservations.OPERATION;
    /**
     * Timer: waiting for the migration lock, from the first try to acquiring it ({@code outcome} success), to giving
     * up ({@code failure}, a lock timeout), or to finding the work done by another migrate runner ({@code
     * not_needed}); tags {@code operation}, {@code outcome} and {@code error}. With Prometheus
     * {@code msr_lock_acquire_seconds}, with the same buckets as {@link #MIGRATION}, and
     * {@code msr_lock_acquire_active_seconds} for the runners waiting now. The timer of the observation
     * {@link MsrObservations#LOCK_WAIT}; replaces {@link #LOCK_WAIT}.
     */
    public static final String LOCK_ACQUIRE = MsrObservations.LOCK_WAIT;
    /**
     * Timer: one attempt of one migration; tags {@code operation}, {@code outcome} (success, failure, retried: an
     * attempt that failed on a transient error and ran again), {@code type} (sql, java), {@code direction} (up,
     * down), {@code phase} (pre-deploy, post-deploy) and {@code error}. With Prometheus {@code msr_migration_seconds},
     * with histogram buckets for quantiles per type (see the class comment), and {@code msr_migration_active_seconds}
     * for the migration running now. The timer of the observation {@link MsrObservations#MIGRATION}; replaces
     * {@link #MIGRATION_DURATION}.
     */
    public static final String MIGRATION = MsrObservations.MIGRATION;
    /**
     * Timer: one migration; tags {@code type} (sql, java) and {@code outcome} (success, failure), with the buckets of
     * {@link #MIGRATION}.
     *
     * @deprecated the same event as {@link #MIGRATION} ({@code msr_migration_seconds}), which has the same tags and
     *     buckets and more; published in this release unless {@code msr.metrics.deprecated-timers.enabled=false},
     *     removed in the next.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static final String MIGRATION_DURATION = "msr.migration.duration";
    /**
     * Timer: a whole operation (migrate, down, repair...), despite its name; tags {@code operation} and
     * {@code outcome}.
     *
     * @deprecated the same event as {@link #OPERATION} ({@code msr_operation_seconds}), named after what it measures;
     *     published in this release unless {@code msr.metrics.deprecated-timers.enabled=false}, removed in the next.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static final String MIGRATE_DURATION = "msr.migrate.duration";
    /**
     * Timer: waiting for the migration lock, when it ended without error; tag {@code outcome}: acquired, or
     * not_needed when a migrate runner stopped waiting because another runner had done its work. The same buckets
     * as migrations.
     *
     * @deprecated the same event as {@link #LOCK_ACQUIRE} ({@code msr_lock_acquire_seconds}), where acquired reads
     *     {@code outcome="success"} and a wait that timed out is recorded too ({@code outcome="failure"}); published
     *     in this release unless {@code msr.metrics.deprecated-timers.enabled=false}, removed in the next.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static final String LOCK_WAIT = "msr.lock.wait";
    /**
     * Gauge: with many schemas ({@code msr.schemas}), the schemas by readiness, one per {@link #STATE_TAG} value:
     * {@code ready}, {@code behind} (waiting for the migration Job) and {@code down}. There is no tag per schema; the
     * other gauges sum over the schemas, and {@link #SCHEMA_VERSION} is the lowest schema version.
     */
    public static final String SCHEMAS = SchemaMetrics.SCHEMAS;

    /** The tag of {@link #SCHEMAS}: {@code ready}, {@code behind} or {@code down}. */
    public static final String STATE_TAG = SchemaMetrics.STATE_TAG;

    /** The tag of {@link #MIGRATIONS_PENDING}: the migrations' phase, {@code pre-deploy} or {@code post-deploy}. */
    public static final String PHASE_TAG = SchemaMetrics.PHASE_TAG;

    private MsrMeters() {
    }
}
