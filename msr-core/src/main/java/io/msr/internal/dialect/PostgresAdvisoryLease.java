package io.msr.internal.dialect;

import io.msr.ConnectionException;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.LockLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A held {@link PostgresAdvisoryLock}: the dedicated connection whose session holds the advisory lock, how the
 * migration connection checks that it still does, and the release. Closing unlocks explicitly (a pooled connection
 * keeps its session lock when closed), restores the session as it was borrowed and closes the connection; a session
 * it cannot unlock or restore is aborted, never handed back.
 */
final class PostgresAdvisoryLease implements LockLease {

    /** The lock's log lines keep the lock's logger, whichever class writes them. */
    private static final Logger log = LoggerFactory.getLogger(PostgresAdvisoryLock.class);

    private final Connection connection;
    private final SessionState borrowed;
    private final LockKey key;
    private final DeadClientDetection detection;
    private final Duration waited;
    private final String heldCondition;
    private boolean closed;

    /**
     * Holds the lock taken by session {@code pid} on {@code connection}, whose state as borrowed is {@code borrowed};
     * from now on the lease owns the connection and gives it back on {@link #close()}.
     */
    PostgresAdvisoryLease(Connection connection, SessionState borrowed, LockKey key, DeadClientDetection detection,
            int pid, Duration waited) {
        this.connection = connection;
        this.borrowed = borrowed;
        this.key = key;
        this.detection = detection;
        this.waited = waited;
        // pg_locks shows the two int4 halves of the key as unsigned oids; the pid is the lock session's own.
        this.heldCondition = "exists (select 1 from pg_catalog.pg_locks where locktype = 'advisory' and granted"
                + " and objsubid = 2 and classid::bigint = " + Integer.toUnsignedLong(key.namespace())
                + " and objid::bigint = " + Integer.toUnsignedLong(key.key()) + " and pid = " + pid + ")";
    }

    @Override
    public LockKey key() {
        return key;
    }

    @Override
    public Duration waited() {
        return waited;
    }

    @Override
    public void ensureHeld() {
        boolean alive;
        try {
            alive = connection.isValid(detection.patienceSeconds());
        } catch (SQLException e) {
            alive = false;
        }
        ensureHeld(alive);
    }

    /** The session holding the lock, as the migration connection sees it in pg_locks. */
    @Override
    public String heldCondition() {
        return heldCondition;
    }

    @Override
    public void ensureHeld(boolean conditionHeld) {
        if (!conditionHeld) {
            throw new ConnectionException("The connection holding the migration lock " + key
                    + " was lost (terminated by an operator, a restart, or no answer within "
                    + detection.patienceSeconds() + " s: a network partition), so the lock is gone, or will be"
                    + " once the server drops the session; the run stops so that nothing runs without it. Run"
                    + " migrate again to finish.");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, key.namespace());
            unlock.setInt(2, key.key());
            unlock.executeQuery().close();
            log.info("Migration lock {} released", key);
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not release the migration lock {} explicitly ({}); ending its session releases it",
                    key, e.getMessage());
            PostgresAdvisoryLock.abort(connection);
        } finally {
            PostgresAdvisoryLock.giveBack(connection, borrowed);
        }
    }
}
