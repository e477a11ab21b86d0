package io.msr.boot.autoconfigure.observation;

/**
 * Every Micrometer observation MSR makes, and its keys, in one place. An operation that takes the lock is observed
 * as {@link #OPERATION}, with {@link #LOCK_WAIT} and then one {@link #MIGRATION} per migration as its children; with a
 * tracer these are the spans of the run. They are MSR's timers too, under the same names: Spring Boot's meter handler
 * makes a timer of each observation ({@code msr.operation}, {@code msr.lock.acquire}, {@code msr.migration}, each with
 * {@code .active}), documented in {@link MsrMeters}, so traces and metrics share one vocabulary.
 *
 * <p>Low-cardinality keys are meter tags and span attributes, with bounded values; {@code unknown} until the value is
 * known, so that every timer of one name has the same tags. High-cardinality keys ({@link #VERSION},
 * {@link #DESCRIPTION}, {@link #SCRIPT}, {@link #LOCK_KEY}) are span attributes only.
 */
public final class MsrObservations {

    /** A whole operation (migrate, down, repair...), lock wait included: keys {@link #OPERATION_KEY}, outcome. */
    public static final String OPERATION = "msr.operation";
    /** Waiting for the migration lock, from the first try to acquiring it or giving up: operation, outcome. */
    public static final String LOCK_WAIT = "msr.lock.acquire";
    /** One migration run (one attempt, when a transient failure is retried): all low-cardinality keys. */
    public static final String MIGRATION = "msr.migration";

    /** Low cardinality: the operation, lower case: migrate, down, repair... */
    public static final String OPERATION_KEY = "operation";
    /** Low cardinality: success, failure, or retried (a migration attempt that failed and is tried again). */
    public static final String OUTCOME_KEY = "outcome";
    /** Low cardinality: the migration's type, sql or java. */
    public static final String TYPE_KEY = "type";
    /** Low cardinality: up or down. */
    public static final String DIRECTION_KEY = "direction";
    /** Low cardinality: the migration's phase, pre-deploy or post-deploy. */
    public static final String PHASE_KEY = "phase";
    /** High cardinality: the migration's version; absent for a repeatable migration. */
    public static final String VERSION = "version";
    /** High cardinality: the migration's description. */
    public static final String DESCRIPTION = "description";
    /** High cardinality: the file or class that ran. */
    public static final String SCRIPT = "script";
    /** High cardinality: the lock's key (database, schema and history table). */
    public static final String LOCK_KEY = "lock.key";

    /** The value of a low-cardinality key not known yet (the outcome while running, for example). */
    public static final String UNKNOWN = "unknown";

    private MsrObservations() {
    }
}
