package io.msr;

/** The state of one migration, comparing what is resolved (on disk) with what is applied (in history). */
public enum MigrationState {
    /** Resolved, not applied yet, and newer than every applied migration. */
    PENDING,
    /** A repeatable migration that was applied, but whose file changed since: it is applied again. */
    OUTDATED,
    /** Resolved, not applied, but older than the newest applied migration; applied only with out-of-order on. */
    OUT_OF_ORDER,
    /** Resolved but above the target version, so this run leaves it alone. */
    ABOVE_TARGET,
    /**
     * Resolved, at or below the baseline version: the schema held it before MSR took over, so it is covered by the
     * baseline and never runs (neither pending nor missing).
     */
    BELOW_BASELINE,
    /** Applied and unchanged. */
    APPLIED,
    /** Applied, but the script was edited since: the checksums differ. */
    CHECKSUM_MISMATCH,
    /** Ran outside a transaction and failed; blocks migrations until repaired. */
    FAILED,
    /**
     * Began outside a transaction and has not finished: running now, or its runner died part-way (then migrate
     * reports it as failed and it needs a repair).
     */
    IN_PROGRESS,
    /** Applied, no longer resolved, and older than the newest resolved migration: a file was deleted. */
    MISSING,
    /** Applied, not resolved, and newer than every resolved migration: the database is ahead of this application. */
    AHEAD
}
