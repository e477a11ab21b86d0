package io.msr.internal.jdbc;

import java.sql.Connection;
import java.time.Duration;

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

    /**
     * Opens the first connection of an operation: as {@link #open()}, but while the database does not accept
     * connections yet (see {@link SqlErrors#isNotAcceptingYet}) tries again, with backoff, until {@code wait} has
     * passed; then throws {@link io.msr.ConnectionException} naming the wait and the last reason. Any other failure
     * is thrown at once. {@link Duration#ZERO} opens once. Factories that cannot tell why a connection failed open
     * once, which this default does.
     */
    default Connection openFirst(Duration wait) {
        return open();
    }
}
