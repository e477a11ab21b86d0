package io.msr.internal.lock;

import java.time.Duration;

/** A held migration lock. Closing it releases the lock; closing never throws, failures are logged. */
public interface LockLease extends AutoCloseable {

    /** Returns the lock key. */
    LockKey key();

    /** Returns how long acquiring waited. */
    Duration waited();

    /**
     * Checks that the lock is still held (its connection is alive). Throws {@link io.msr.ConnectionException}
     * when it is lost: the caller must stop before the next migration.
     */
    void ensureHeld();

    @Override
    void close();
}
