package io.msr;

/** What migrate does after a migration fails. */
public enum RollbackStrategy {
    /** Nothing: migrations committed before the failure stay applied (the default). */
    NONE,
    /**
     * Runs the down migration of each migration this run committed, newest first, recording DOWN rows, so the
     * schema is back where the run started. A migration without a down stops the rollback (exit code 4).
     */
    DOWN,
    /**
     * Backs the database up before running anything ({@code pg_dump}) and, when a migration fails after this run
     * committed something, restores it ({@code pg_restore}) after checking its SHA-256, dropping what the run
     * created and keeping what other sessions created meanwhile (the result's {@link BackupReport} lists both). A
     * backup that cannot be taken stops the run before any migration (exit code 5; 2 when the backup folder is not
     * private to the user); a restore that fails or is refused exits 6 and keeps the file.
     */
    BACKUP,
    /** {@link #DOWN} first; when the down rollback stops (a missing or failing down), {@link #BACKUP}'s restore. */
    BOTH;

    /** Returns true when this strategy needs a backup taken before the run. */
    public boolean takesBackup() {
        return this == BACKUP || this == BOTH;
    }

    /** Returns true when this strategy reverts with down migrations first. */
    public boolean revertsWithDown() {
        return this == DOWN || this == BOTH;
    }
}
