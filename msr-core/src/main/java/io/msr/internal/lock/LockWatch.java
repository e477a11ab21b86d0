package io.msr.internal.lock;

import io.msr.ConnectionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches a held lock while a run works, so that a runner cut off from the database stops within seconds instead of
 * hanging on its migration connection: a daemon thread of its own calls {@link LockLease#ensureHeld} every
 * {@code every}; the first time that throws, the watch counts the lock as lost and hands the error to
 * {@code onLost}, once, on the watching thread, which then ends. {@code onLost} should cut what the run is doing (abort
 * its migration connection) and return quickly. After {@link #close} returns, {@code onLost} is never called.
 *
 * <p>The lease's connection is shared with the run's own checks; the driver serializes the two.
 */
public final class LockWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LockWatch.class);

    private final LockLease lease;
    private final Duration every;
    private final Consumer<ConnectionException> onLost;
    private final Thread thread;
    private boolean closed;
    private @Nullable ConnectionException lost;

    private LockWatch(LockLease lease, Duration every, Consumer<ConnectionException> onLost) {
        this.lease = lease;
        this.every = every;
        this.onLost = onLost;
        this.thread = new Thread(this::watch, "msr-lock-watch");
        thread.setDaemon(true);
    }

    /** Starts watching the lease; the caller must close the watch before closing the lease. */
    public static LockWatch start(LockLease lease, Duration every, Consumer<ConnectionException> onLost) {
        LockWatch watch = new LockWatch(lease, every, onLost);
        watch.thread.start();
        return watch;
    }

    /** Returns the error that made the watch count the lock as lost, or empty while it was not. */
    public synchronized Optional<ConnectionException> lost() {
        return Optional.ofNullable(lost);
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(Math.max(1, every.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            try {
                lease.ensureHeld();
            } catch (ConnectionException e) {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    lost = e;
                    log.error("Lost the migration lock {}: stopping the run", lease.key());
                    try {
                        onLost.accept(e);
                    } catch (RuntimeException failure) {
                        log.warn("Could not stop the run after losing the migration lock", failure);
                    }
                }
                return;
            }
        }
    }

    /**
     * Stops watching: from now on {@code onLost} is not called. Waits briefly for a check under way, so that the lease
     * may be closed next. Never throws.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        thread.interrupt();
        try {
            thread.join(every.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
