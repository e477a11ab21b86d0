package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * The process exit code for each outcome of an operation, the contract Kubernetes Jobs and scripts rely on.
 *
 * <p>Codes 2 and 3 are not worth retrying (the input must change); 7 and 8 usually are (the database or the
 * lock may be available on the next attempt), and so is 10 (a signal stopped the run); 9 is a finding, not a
 * failure to retry.
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
    DRIFT(9),
    /**
     * A signal (SIGTERM, SIGINT) or {@link Msr#stop()} stopped the run: the statement running was cancelled, the
     * migration in progress was rolled back and the lock released, so retrying is safe. A migration that ran outside a
     * transaction is recorded as failed instead, and the retry asks for {@code msr.mode=repair}.
     */
    INTERRUPTED(10);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** Returns the numeric process exit code. */
    public int code() {
        return code;
    }

    /**
     * Returns the most severe of the codes, SUCCESS when there is none: a failure that changed the database and needs a
     * person (4, 3, 6, 5) before one that changed nothing (1, 2), before one a retry may fix (10, 7, 8), before a
     * finding (9). An operation over many schemas ends with this code of its schemas' codes.
     */
    public static ExitCode mostSevere(Iterable<? extends @Nullable ExitCode> codes) {
        ExitCode worst = SUCCESS;
        for (ExitCode code : codes) {
            if (code != null && code.severity() > worst.severity()) {
                worst = code;
            }
        }
        return worst;
    }

    private int severity() {
        return switch (this) {
            case SUCCESS -> 0;
            case DRIFT -> 1;
            case LOCK_TIMEOUT -> 2;
            case CONNECTION -> 3;
            case INTERRUPTED -> 4;
            case VALIDATION -> 5;
            case ERROR -> 6;
            case BACKUP_FAILED -> 7;
            case RESTORE_FAILED -> 8;
            case MIGRATION_FAILED -> 9;
            case ROLLBACK_FAILED -> 10;
        };
    }

    /** Returns true when a Job may reasonably retry after this outcome. */
    public boolean retriable() {
        return this == CONNECTION || this == LOCK_TIMEOUT || this == INTERRUPTED;
    }
}
