package io.msr;


import java.time.Duration;

/**
 * Hears what a run does. Every method defaults to doing nothing; implement the ones you need. A listener that
 * throws is logged and never breaks a run. Methods are called on the thread running the operation.
 */
public interface MigrationListener {

    /** An operation started. */
    default void runStarted(Operation operation) {
    }

    /** The runner is waiting for the lock held by {@code holder}; called every few seconds. */
    default void lockWaiting(LockStatus holder, Duration waited) {
    }

    /** The lock was acquired after waiting {@code waited}. */
    default void lockAcquired(String key, Duration waited) {
    }

    /** A migration is about to run. */
    default void migrationStarted(Version version, String description, String script, Direction direction) {
    }

    /** A migration succeeded (its transaction, if any, is committed or still part of a batch). */
    default void migrationSucceeded(ExecutedMigration migration) {
    }

    /** A migration failed. */
    default void migrationFailed(ExecutedMigration migration, MsrException error) {
    }

    /** An operation ended, successfully or not; the result carries the failure when it failed. */
    default void runFinished(OperationResult result) {
    }
}
