package io.msr.internal.jdbc;

import java.sql.Connection;

/**
 * Opens new connections to the migration database. A run holds at most two at once: the migration connection and
 * the migration lock's own.
 *
 * <p>Each call returns a session of its own, distinct from every other connection open at that moment (the lock
 * relies on holding its connection apart from the migration connection): a pool is fine, a DataSource that hands out
 * one shared connection is not. A pooled connection comes in whatever state the pool keeps (autocommit, isolation,
 * session settings), so callers set what they need; and closing it may return it to the pool instead of ending the
 * session, so callers undo session state that must not outlive them (a session-level lock) before closing.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /**
     * Opens a new connection; the caller must close it. Never returns null. May block as long as a pool makes it
     * wait. Throws {@link io.msr.ConnectionException}, with a message that names the target without its password,
     * when no connection can be had.
     */
    Connection open();
}
