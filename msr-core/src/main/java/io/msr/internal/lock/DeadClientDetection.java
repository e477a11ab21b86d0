package io.msr.internal.lock;

import java.time.Duration;

/**
 * How both sides notice that a runner's node vanished ({@code msr.postgres.dead-client-timeout}): the server drops
 * the runner's sessions, and with them the migration lock, about {@link #timeout} after its last packet; the runner
 * checks its lock every {@link #watchEvery} and gives a check {@link #patience}, so that it stops (cuts its work
 * connection) before the server can have freed the lock: {@code 2 * watchEvery + patience < timeout}, since the
 * server's last packet from the lock's session may be one check older than the cut.
 *
 * @param timeout how long the server waits for a sign of life; {@link Duration#ZERO} leaves every setting alone
 */
public record DeadClientDetection(Duration timeout) {

    /** No detection: the server's and the operating system's settings stay as they are, and nothing watches. */
    public static final DeadClientDetection OFF = new DeadClientDetection(Duration.ZERO);

    /** The patience of a lock check when detection is off. */
    private static final Duration PATIENCE_WHEN_OFF = Duration.ofSeconds(10);

    /** Returns true unless detection is {@link #OFF}. */
    public boolean enabled() {
        return !timeout.isZero();
    }

    /** Seconds of silence before the server sends its first keepalive probe ({@code tcp_keepalives_idle}). */
    public int keepalivesIdleSeconds() {
        return (int) Math.max(1, timeout.toSeconds() / 3);
    }

    /** Seconds between unanswered probes ({@code tcp_keepalives_interval}). */
    public int keepalivesIntervalSeconds() {
        return (int) Math.max(1, timeout.toSeconds() / 6);
    }

    /**
     * Unanswered probes before the server gives up ({@code tcp_keepalives_count}): idle plus count times interval is at
     * most the timeout, for servers that cannot set a TCP user timeout.
     */
    public int keepalivesCount() {
        return (int) Math.max(1, (timeout.toSeconds() - keepalivesIdleSeconds()) / keepalivesIntervalSeconds());
    }

    /**
     * How long data the server sent may stay unacknowledged, and (on Linux) how long keepalives may go unanswered,
     * before it drops the connection ({@code tcp_user_timeout}, PostgreSQL 12 and later), in milliseconds.
     */
    public int userTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /**
     * How often a running statement's backend checks that its client is still there
     * ({@code client_connection_check_interval}, PostgreSQL 14 and later), in milliseconds.
     */
    public int checkIntervalMillis() {
        return keepalivesIntervalSeconds() * 1000;
    }

    /** How long the runner waits between two checks of its lock. */
    public Duration watchEvery() {
        return timeout.dividedBy(10);
    }

    /** How long one check of the lock may wait for the server before the lock counts as lost, in whole seconds. */
    public int patienceSeconds() {
        Duration patience = enabled() ? timeout.dividedBy(2) : PATIENCE_WHEN_OFF;
        return (int) Math.max(1, (patience.toMillis() + 999) / 1000);
    }
}
