package io.msr;

/** Where a migration's code comes from. */
public enum MigrationType {
    /** A {@code .up.sql} file, optionally with a {@code .down.sql} sibling. */
    SQL,
    /** A {@link JavaMigration}. */
    JAVA
}
