package io.msr.internal.lock;

import io.msr.LockStatus;

import java.time.Duration;

/**
 * Hears about a runner waiting for the lock. Both methods default to doing nothing. They are called on the thread
 * that called {@link MigrationLock#acquire}, while it waits, so they should return quickly; an exception thrown from
 * either ends the wait, and {@code acquire} rethrows it without holding the lock.
 */
public interface LockObserver {

    /** No observer. */
    LockObserver NONE = new LockObserver() {
    };

    /**
     * Called as soon as the lock is found taken, then every few seconds while waiting, with the current holder (not
     * held, when it was released in between) and the time waited so far. Never called after {@link #acquired}.
     */
    default void waiting(LockStatus holder, Duration waited) {
    }

    /** Called once when the lock is acquired, just before {@code acquire} returns the lease. */
    default void acquired(LockKey key, Duration waited) {
    }
}
