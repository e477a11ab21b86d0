package io.msr.internal.lock;

import io.msr.LockStatus;

import java.time.Duration;

/**
 * The lock that makes sure only one runner migrates a schema at a time.
 *
 * <p>Implementations hold the lock on a dedicated connection that stays idle outside any transaction, poll
 * without ever blocking inside the database, and never leave the lock behind when the holding process dies.
 */
public interface MigrationLock {

    /**
     * Waits up to {@code timeout} for the lock. Returns the lease when acquired; the caller must close it.
     * Throws {@link io.msr.LockTimeoutException} (naming the holder) when the time is up, and
     * {@link io.msr.ConnectionException} when the database cannot be reached.
     */
    LockLease acquire(Duration timeout, LockObserver observer);

    /** Returns who holds the lock now, without taking it. */
    LockStatus status();

    /**
     * Terminates the session holding the lock, only when its application name shows it is an MSR runner.
     * Returns the status seen before terminating.
     */
    LockStatus forceRelease();
}
