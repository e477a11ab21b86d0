package io.msr.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A session's state as it was when MSR got the connection: autocommit, isolation, application name and timeouts.
 * A pooled connection outlives {@code close()}, so MSR restores this before giving it back, and the next borrower
 * finds the session as the pool handed it out.
 */
@FunctionalInterface
public interface SessionState {

    /** A state with nothing to restore. */
    SessionState NONE = connection -> {
    };

    /**
     * Puts the session back in the saved state: rolls back an open transaction first, then restores every part
     * saved. Throws the driver's {@link SQLException} when it cannot; the caller must then not give the connection
     * back to a pool as it is (abort it).
     */
    void restore(Connection connection) throws SQLException;
}
