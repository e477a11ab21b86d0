package io.msr;

/** Where a migration's code comes from. */
public enum MigrationType {
    /** A {@code .up.sql} file, optionally with a {@code .down.sql} sibling. */
    SQL,
    /** A {@link JavaMigration}. */
    JAVA,
    /**
     * Not a migration: the baseline row, which records that the schema already held everything up to its version
     * when MSR took it over. It counts as the schema version.
     */
    BASELINE
}
