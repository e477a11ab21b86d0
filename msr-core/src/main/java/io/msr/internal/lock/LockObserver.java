package io.msr.internal.lock;

import io.msr.LockStatus;

import java.time.Duration;

/** Hears about a runner waiting for the lock. Both methods default to doing nothing. */
public interface LockObserver {

    /** No observer. */
    LockObserver NONE = new LockObserver() {
    };

    /** Called every few seconds while waiting, with the current holder and the time waited so far. */
    default void waiting(LockStatus holder, Duration waited) {
    }

    /** Called once the lock is acquired. */
    default void acquired(LockKey key, Duration waited) {
    }
}
