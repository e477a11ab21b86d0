package io.msr;

/** Whether a pending migration must come with a down migration. */
public enum DownPolicy {
    /** A missing down is fine (the default). */
    OPTIONAL,
    /** A missing down is a warning. */
    RECOMMENDED,
    /** A missing down is a validation error. */
    REQUIRED
}
