package io.msr;

/** What migrate does after a migration fails. */
public enum RollbackStrategy {
    /** Nothing: migrations committed before the failure stay applied (the default). */
    NONE,
    /**
     * Runs the down migration of each migration this run committed, newest first, recording DOWN rows, so the
     * schema is back where the run started. A migration without a down stops the rollback (exit code 4).
     */
    DOWN
}
