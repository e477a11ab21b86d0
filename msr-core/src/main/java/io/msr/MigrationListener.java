package io.msr;


import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * Hears what a run does. Every method defaults to doing nothing; implement the ones you need. A listener that
 * throws is logged and never breaks a run. Methods are called on the thread running the operation.
 */
public interface MigrationListener {

    /** An operation started. */
    default void runStarted(Operation operation) {
    }

    /**
     * The runner starts waiting for the lock {@code key}; then comes {@link #lockAcquired} (at once when the lock is
     * free), {@link #lockNotNeeded} or {@link #lockWaitFailed}. Only the operations that take the lock call it
     * (migrate, down, repair, baseline, backup, restore), and none does when locking is off
     * ({@code msr.lock.enabled=false}). Recording a
     * fingerprint takes the lock outside any run, so this may come without {@link #runStarted}.
     */
    default void lockWaitStarted(String key) {
    }

    /** The runner is waiting for the lock held by {@code holder}; called every few seconds. */
    default void lockWaiting(LockStatus holder, Duration waited) {
    }

    /** The lock was acquired after waiting {@code waited}. */
    default void lockAcquired(String key, Duration waited) {
    }

    /**
     * The runner stopped waiting for the lock {@code key} without taking it, after {@code waited}: while another runner
     * held it, the history showed nothing left pending for this one (migrate only), so the run finishes successfully
     * without the lock. Comes instead of {@link #lockAcquired} or {@link #lockWaitFailed}.
     */
    default void lockNotNeeded(String key, Duration waited) {
    }

    /**
     * The lock {@code key} was not acquired: {@code error} is a {@link LockTimeoutException} when
     * {@code msr.lock.wait-timeout} ran out, or a {@link ConnectionException}. The run then fails with that error.
     */
    default void lockWaitFailed(String key, MsrException error) {
    }

    /**
     * A migration is about to run. A transient failure may be retried: then this comes again for the same migration,
     * with no {@link #migrationFailed} in between.
     */
    default void migrationStarted(@Nullable Version version, String description, String script,
            Direction direction) {
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
