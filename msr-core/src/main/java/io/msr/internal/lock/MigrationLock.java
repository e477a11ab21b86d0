package io.msr.internal.lock;

import io.msr.LockStatus;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The lock that makes sure only one runner migrates a schema at a time. An implementation proves itself by
 * extending the shared contract test ({@code MigrationLockContract}).
 *
 * <p>Implementations hold the lock on a dedicated connection of their own, opened from the
 * {@link io.msr.internal.jdbc.ConnectionFactory} and never the caller's migration connection; that connection stays
 * idle outside any transaction while the lock is held, so the lock never conflicts with what the holder runs
 * ({@code CREATE INDEX CONCURRENTLY} included). They poll without ever blocking inside the database, and never leave
 * the lock behind when the holding process or its connection dies. The lock is per acquisition, not per process: a
 * second {@link #acquire} of the same key waits, also in the process that holds it.
 */
public interface MigrationLock {

    /**
     * Waits up to {@code timeout} for the lock, polling (a zero timeout tries once). Returns the lease when
     * acquired; the caller must close it, and should call {@link LockLease#ensureHeld} before each migration.
     *
     * <p>While waiting, {@link LockObserver#waiting} hears of the holder as soon as the lock is found taken and then
     * every few seconds; {@link LockObserver#acquired} is called once, just before the lease is returned. Throws
     * {@link io.msr.LockTimeoutException}, naming the key and the holder (pid and application name), when the time is
     * up; {@link io.msr.ConnectionException} when the database cannot be reached, or when the thread is interrupted
     * (its interrupt flag set again); and whatever an observer throws. Whenever it throws, it holds no lock and has
     * closed its connection.
     */
    default LockLease acquire(Duration timeout, LockObserver observer) {
        return acquireUnlessDone(timeout, observer, () -> false).orElseThrow();
    }

    /**
     * Waits as {@link #acquire} does, but before each poll that follows one finding the lock taken (so after the
     * observer heard of the holder) asks {@code done}; as soon as it answers true, stops waiting and returns empty,
     * holding no lock and having closed its connection; {@link LockObserver#acquired} is then never called. A free
     * lock is acquired without asking. {@code done} runs on the waiting thread between polls, so it should be quick;
     * what it throws ends the wait as an observer's exception does. An implementation that never waits may acquire
     * without asking.
     */
    Optional<LockLease> acquireUnlessDone(Duration timeout, LockObserver observer, BooleanSupplier done);

    /**
     * Returns who holds the lock now, a snapshot taken on a short-lived connection of its own: it takes nothing and
     * changes nothing, and it works while this process holds the lock. Throws {@link io.msr.ConnectionException}
     * when the database cannot be reached.
     */
    LockStatus status();

    /**
     * Releases a lock left behind by a runner that hangs: terminates the session holding it, but only when its
     * application name shows it is an MSR runner ({@link LockStatus#heldByMsrRunner()}); that runner's next
     * {@link LockLease#ensureHeld} fails. Returns the status seen before terminating; when nobody holds the lock it
     * returns that status and does nothing. Throws {@link io.msr.ConfigurationException}, leaving the session alone,
     * when a session that is not an MSR runner holds the lock. The lock is free once the database has ended the
     * session, which may take a moment after this returns.
     */
    LockStatus forceRelease();
}
