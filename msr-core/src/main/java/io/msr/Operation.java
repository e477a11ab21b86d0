package io.msr;

/** The operations of {@link Msr}, as named in results and summaries. */
public enum Operation {
    /** Apply pending migrations. */
    MIGRATE,
    /** Report every migration and its state. */
    INFO,
    /** Check resolved migrations against history without changing anything. */
    VALIDATE,
    /** Revert applied migrations down to a target version. */
    DOWN,
    /** Mark failed migrations resolved (and, when forced, re-record edited checksums). */
    REPAIR,
    /** Report who holds the migration lock. */
    LOCK_STATUS,
    /** Force the migration lock free. */
    LOCK_RELEASE,
    /** Back the database up to a file. */
    BACKUP,
    /** Restore the database from a backup file. */
    RESTORE,
    /** Record that the schema already holds every migration up to a version (a BASELINE history row). */
    BASELINE,
    /** Compare the schema with the fingerprint recorded for its version, or record that fingerprint. */
    DRIFT,
    /** Check the migrations offline, without a database ({@link Msr#check(CheckSettings)}). */
    CHECK
}
