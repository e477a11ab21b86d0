package io.msr.internal.dialect;

import io.msr.ConnectionException;
import io.msr.LockStatus;
import io.msr.LockTimeoutException;
import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.internal.jdbc.RunnerIdentity;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.LockLease;
import io.msr.internal.lock.LockObserver;
import io.msr.internal.lock.MigrationLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL migration lock: a session-level advisory lock on a dedicated connection in autocommit, taken
 * by polling {@code pg_try_advisory_lock} with backoff and jitter. It never blocks inside
 * {@code pg_advisory_lock}, and its connection stays idle outside any transaction, so it cannot deadlock with
 * {@code CREATE INDEX CONCURRENTLY} run by the holder. Its application name, {@code msr lock <pid>@<host>}, shows
 * operators who holds it. When the holding process dies, PostgreSQL ends the session and the lock with it; a lease
 * ({@link PostgresAdvisoryLease}) still unlocks explicitly and restores the session's application name and autocommit
 * before closing, since a pooled connection outlives {@code close()}; a session it cannot unlock or restore is aborted,
 * never handed back.
 */
final class PostgresAdvisoryLock implements MigrationLock {

    private static final Logger log = LoggerFactory.getLogger(PostgresAdvisoryLock.class);
    private static final long FIRST_POLL_MS = 20;
    private static final long MAX_POLL_MS = 100;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    private static final String STATUS_SQL = "select l.pid, a.application_name, host(a.client_addr), a.backend_start"
            + " from pg_locks l left join pg_stat_activity a on a.pid = l.pid"
            + " where l.locktype = 'advisory' and l.granted and l.objsubid = 2"
            + " and l.classid::bigint = ? and l.objid::bigint = ?"
            + " and l.database = (select oid from pg_database where datname = current_database())";

    private final ConnectionFactory connections;
    private final LockKey key;
    private final DeadClientDetection detection;

    /**
     * Creates the lock for a key, opening its connections from the factory; the lock's connection asks the server to
     * drop it as {@code detection} says when this process vanishes, and gives every call on it (a poll, a check, the
     * release) at most {@link DeadClientDetection#patienceSeconds()}, so a partition fails a call instead of hanging.
     */
    public PostgresAdvisoryLock(ConnectionFactory connections, LockKey key, DeadClientDetection detection) {
        this.connections = connections;
        this.key = key;
        this.detection = detection;
    }

    @Override
    public Optional<LockLease> acquireUnlessDone(Duration timeout, LockObserver observer, BooleanSupplier done) {
        Connection connection = connections.open();
        long start = System.nanoTime();
        SessionState borrowed = SessionState.NONE;
        try {
            borrowed = PostgresSessionSettings.save(connection);
            connection.setAutoCommit(true);
            PostgresSessionSettings.setApplicationName(connection, RunnerIdentity.applicationName("lock"));
            PostgresSessionSettings.detectDeadClient(connection, detection);
            if (detection.enabled()) {
                connection.setNetworkTimeout(Runnable::run, detection.patienceSeconds() * 1000);
            }
            long delay = FIRST_POLL_MS;
            long lastReport = start;
            boolean reported = false;
            try (PreparedStatement tryLock = connection.prepareStatement(
                    "select pg_try_advisory_lock(?, ?), pg_backend_pid()")) {
                tryLock.setInt(1, key.namespace());
                tryLock.setInt(2, key.key());
                while (true) {
                    int pid = tryOnce(tryLock);
                    if (pid != 0) {
                        PostgresAdvisoryLease lease = new PostgresAdvisoryLease(connection, borrowed, key, detection,
                                pid, Duration.ofNanos(System.nanoTime() - start));
                        try {
                            observer.acquired(key, lease.waited());
                        } catch (RuntimeException e) {
                            // A pooled connection keeps its session lock when closed: release it explicitly.
                            lease.close();
                            throw e;
                        }
                        return Optional.of(lease);
                    }
                    long now = System.nanoTime();
                    Duration waited = Duration.ofNanos(now - start);
                    if (waited.compareTo(timeout) >= 0) {
                        LockStatus holder = status(connection);
                        throw new LockTimeoutException("Gave up waiting for the migration lock " + key + " after "
                                + format(waited) + " (msr.lock.wait-timeout " + format(timeout) + "): "
                                + describeHolder(holder) + ". If that runner is still working, wait for it or raise the"
                                + " timeout; if it is gone, run msr.mode=lock-release with msr.force=true.");
                    }
                    if (!reported || now - lastReport >= REPORT_EVERY.toNanos()) {
                        observer.waiting(status(connection), waited);
                        reported = true;
                        lastReport = now;
                    }
                    long remaining = timeout.minus(waited).toMillis();
                    long sleep = Math.max(1, Math.min(delay + ThreadLocalRandom.current().nextLong(delay / 2 + 1),
                            remaining));
                    Thread.sleep(sleep);
                    delay = Math.min(delay * 2, MAX_POLL_MS);
                    // Asked just before the next try, not after the last: a holder that finishes between the two
                    // would otherwise hand its lock to a runner with nothing left to do.
                    if (done.getAsBoolean()) {
                        break;
                    }
                }
            }
            giveBack(connection, borrowed);
            return Optional.empty();
        } catch (SQLException e) {
            giveBack(connection, borrowed);
            throw SqlErrors.outsideMigration("Could not take the migration lock " + key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveBack(connection, borrowed);
            throw new ConnectionException("Interrupted while waiting for the migration lock " + key + ".", e);
        } catch (RuntimeException e) {
            giveBack(connection, borrowed);
            throw e;
        }
    }

    @Override
    public LockStatus status() {
        try (Connection connection = connections.open()) {
            return status(connection);
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not read the status of the migration lock " + key, e);
        }
    }

    @Override
    public LockStatus forceRelease() {
        try (Connection connection = connections.open()) {
            LockStatus holder = status(connection);
            if (!holder.held()) {
                return holder;
            }
            if (!holder.heldByMsrRunner()) {
                throw new io.msr.ConfigurationException("The migration lock " + key + " is held by pid "
                        + holder.holderPid() + " with application name '" + holder.applicationName()
                        + "', which is not an MSR runner; it was left alone. Ask a database administrator to check"
                        + " that session.");
            }
            try (PreparedStatement terminate = connection.prepareStatement("select pg_terminate_backend(?)")) {
                terminate.setInt(1, holder.holderPid());
                terminate.executeQuery().close();
            }
            log.warn("Terminated session pid {} ('{}') to release the migration lock {}", holder.holderPid(),
                    holder.applicationName(), key);
            return holder;
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not release the migration lock " + key, e);
        }
    }

    /** Tries the lock once; returns the pid of the session that took it, 0 when it is busy. */
    private static int tryOnce(PreparedStatement tryLock) throws SQLException {
        try (ResultSet result = tryLock.executeQuery()) {
            return result.next() && result.getBoolean(1) ? result.getInt(2) : 0;
        }
    }

    private LockStatus status(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(STATUS_SQL)) {
            // pg_locks shows the two int4 halves of the key as unsigned oids.
            query.setLong(1, Integer.toUnsignedLong(key.namespace()));
            query.setLong(2, Integer.toUnsignedLong(key.key()));
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    return new LockStatus(key.toString(), false, null, null, null, null);
                }
                Timestamp since = result.getTimestamp(4);
                return new LockStatus(key.toString(), true, result.getInt(1), result.getString(2), result.getString(3),
                        since == null ? null : since.toInstant());
            }
        }
    }

    static String describeHolder(LockStatus holder) {
        if (!holder.held()) {
            return "no session holds it now (it was released while waiting)";
        }
        return "it is held by pid " + holder.holderPid() + " ('" + holder.applicationName() + "'"
                + (holder.clientAddress() == null ? "" : " from " + holder.clientAddress())
                + (holder.connectedSince() == null ? "" : ", connected since " + holder.connectedSince()) + ")";
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis < 10_000 ? millis + " ms" : (millis / 1000) + " s";
    }

    /**
     * Restores the session as it came and closes the connection, for the lock that did not get it and the
     * {@link PostgresAdvisoryLease} that is done with it. When that fails, the session is aborted instead: a pool must
     * never get back a session that may still hold the lock or MSR's application name.
     */
    static void giveBack(Connection connection, SessionState borrowed) {
        try {
            borrowed.restore(connection);
        } catch (SQLException | RuntimeException e) {
            log.debug("Restoring the lock connection's session failed; aborting it", e);
            abort(connection);
        }
        closeQuietly(connection);
    }

    /** Drops the connection at once; the server then ends the session, and the lock with it if it holds one. */
    static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            log.debug("Aborting the lock connection failed", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Closing the lock connection failed", e);
        }
    }
}
