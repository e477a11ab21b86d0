package io.msr;

/**
 * The process exit code for each outcome of an operation, the contract Kubernetes Jobs and scripts rely on.
 *
 * <p>Codes 2 and 3 are not worth retrying (the input must change); 7 and 8 usually are (the database or the
 * lock may be available on the next attempt); 9 is a finding, not a failure to retry.
 */
public enum ExitCode {
    /** The operation succeeded, including when there was nothing to do. */
    SUCCESS(0),
    /** An error that fits no other code, such as a misconfiguration or a permission problem on the history table. */
    ERROR(1),
    /** Validation failed before anything was executed; the database is unchanged. */
    VALIDATION(2),
    /** A migration failed while executing. */
    MIGRATION_FAILED(3),
    /** A down migration (an explicit down operation or a rollback) failed or was impossible. */
    ROLLBACK_FAILED(4),
    /** Taking a backup failed. */
    BACKUP_FAILED(5),
    /** Restoring a backup failed. */
    RESTORE_FAILED(6),
    /** The database could not be reached, refused the credentials, or the connection was lost. */
    CONNECTION(7),
    /** The migration lock was not acquired within the configured wait timeout. */
    LOCK_TIMEOUT(8),
    /** Drift found: the schema differs from the fingerprint recorded for its version ({@code msr.mode=drift}). */
    DRIFT(9);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** Returns the numeric process exit code. */
    public int code() {
        return code;
    }

    /** Returns true when a Job may reasonably retry after this outcome. */
    public boolean retriable() {
        return this == CONNECTION || this == LOCK_TIMEOUT;
    }
}
