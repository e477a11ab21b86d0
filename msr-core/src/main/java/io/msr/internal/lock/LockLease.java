package io.msr.internal.lock;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * A held migration lock. Closing it releases the lock; closing never throws, failures are logged.
 *
 * <p>A lease belongs to the thread of the operation that acquired it; it uses only the lock's own connection, so
 * every method may be called while the caller's migration connection is inside a transaction.
 */
public interface LockLease extends AutoCloseable {

    /** Returns the lock key. */
    LockKey key();

    /** Returns how long acquiring waited. */
    Duration waited();

    /**
     * Checks that the lock is still held (its connection is alive), with one round trip on the lock's connection.
     * Throws {@link io.msr.ConnectionException} when it is lost (the session was terminated, the server restarted,
     * the network failed): the caller must stop before the next migration. Throws nothing else.
     */
    void ensureHeld();

    /**
     * Returns an SQL condition that is true while this lease holds the lock, for the migration connection to evaluate
     * in a round trip it makes anyway (the statement that sets a migration's timeouts), so that checking the lock
     * before each migration costs no round trip of its own; a caller that evaluated it passes the value to
     * {@link #ensureHeld(boolean)}. Returns null, by default, when only {@link #ensureHeld()} can check the lock. The
     * condition is constant for the lease's life and holds only literals, no parameters.
     */
    default @Nullable String heldCondition() {
        return null;
    }

    /**
     * Does what {@link #ensureHeld()} does, given the value the migration connection found for
     * {@link #heldCondition()}: returns when it was true, throws the same {@link io.msr.ConnectionException} when it
     * was false. By default (no condition) it checks with {@link #ensureHeld()}.
     */
    default void ensureHeld(boolean conditionHeld) {
        ensureHeld();
    }

    /**
     * Releases the lock explicitly, then closes its connection: a pooled connection would keep a session's lock after
     * being closed, so the release never relies on closing. Never throws, also when the connection is already dead
     * (the lock then went with it); closing again does nothing.
     */
    @Override
    void close();
}
