package io.msr.boot.autoconfigure.oneshot;

import io.msr.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * What a one-shot run does on SIGTERM or SIGINT (Kubernetes deleting the pod, draining the node, a Job's deadline;
 * Ctrl-C): a JVM shutdown hook asks the engine to stop ({@link io.msr.Msr#stop()}: the running statement is cancelled,
 * its transaction rolled back, the lock released), waits up to {@code msr.shutdown-timeout} for the run thread to
 * write its result (summary, JSON file, termination message), then halts the JVM with the run's exit code (10,
 * {@link ExitCode#INTERRUPTED}). Halting, not exiting: {@code System.exit} blocks once shutdown has begun, and the
 * process would otherwise end with the signal's code (143 for SIGTERM). A run that does not stop within the bound is
 * abandoned: the JVM halts with 10 all the same, which closes its connections (the idle lock session at once).
 *
 * <p>When the run ends on its own, {@link #finished} tells the hook, which then does nothing while the run thread
 * exits the usual way.
 */
final class OneShotShutdown {

    private static final Logger log = LoggerFactory.getLogger(OneShotShutdown.class);
    /** How often the stop is sent again while the run goes on: a statement may have started after the first. */
    private static final Duration RESEND_EVERY = Duration.ofSeconds(2);

    private final Runnable stop;
    private final Duration timeout;
    private final IntConsumer halt;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "msr-shutdown");
    private volatile int code = ExitCode.INTERRUPTED.code();
    private volatile boolean signalled;

    /**
     * Creates the handling; {@code stop} stops the run ({@link OneShotRunner#stop()}), {@code halt} ends the JVM
     * ({@link Runtime#halt} in a launched application).
     */
    OneShotShutdown(Runnable stop, Duration timeout, IntConsumer halt) {
        this.stop = stop;
        this.timeout = timeout;
        this.halt = halt;
    }

    /** Installs the shutdown hook; call on the run thread before the run starts. */
    void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Records that the run wrote its result, with its exit code; the run thread exits next. When a signal arrived,
     * the hook halts the JVM with this code (the run thread's {@code System.exit} then blocks until it does).
     */
    void finished(int code) {
        this.code = code;
        done.countDown();
    }

    /** Returns true once the hook ran because the JVM began to shut down while the run had not finished. */
    boolean signalled() {
        return signalled;
    }

    /** The hook's work: stop, wait (bounded), halt with the run's code. */
    private void onSignal() {
        if (done.getCount() == 0) {
            // The run finished and its thread is exiting with its code: nothing to stop.
            return;
        }
        signalled = true;
        long start = System.nanoTime();
        log.warn("Shutdown signal received: stopping the migration run (cancelling the running statement, rolling"
                + " back, releasing the lock); waiting up to msr.shutdown-timeout={} for it", timeout);
        long deadline = start + timeout.toNanos();
        try {
            stop.run();
            while (!done.await(Math.min(RESEND_EVERY.toNanos(), Math.max(0, deadline - System.nanoTime())),
                    TimeUnit.NANOSECONDS)) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                stop.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Stopping the migration run failed", e);
        }
        int exit = code;
        if (done.getCount() != 0) {
            exit = ExitCode.INTERRUPTED.code();
            log.error("The migration run did not stop within msr.shutdown-timeout={}; exiting with code {} without"
                    + " its result. The database ends the abandoned session; check msr.mode=info before the next"
                    + " run.", timeout, exit);
        } else {
            log.info("The migration run stopped in {} ms; exiting with code {}",
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), exit);
        }
        System.out.flush();
        System.err.flush();
        halt.accept(exit);
    }

    /** Returns the hook's body, for tests that play the signal without a JVM shutdown. */
    Runnable hookForTest() {
        return this::onSignal;
    }
}
