package io.msr.internal.operation;

import io.msr.MsrException;
import io.msr.RunInterruptedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops an engine's runs from another thread ({@link io.msr.Msr#stop()}): cancels the statement running on each open
 * migration connection and interrupts each thread running an operation, which ends a wait for the lock, for the
 * database or for a retry, and stops a migration before its next statement. Shared by an engine and the engines of its
 * schemas. Once stopped, it stays stopped: every later operation fails at once.
 */
final class StopSwitch {

    private static final Logger log = LoggerFactory.getLogger(StopSwitch.class);

    private volatile boolean stopped;
    private final Set<Thread> runners = ConcurrentHashMap.newKeySet();
    private final Set<Runnable> cancels = ConcurrentHashMap.newKeySet();

    /** Stops every run, returns at once; calling it again re-sends the cancel and the interrupt. Never throws. */
    void stop() {
        stopped = true;
        for (Runnable cancel : cancels) {
            try {
                cancel.run();
            } catch (RuntimeException e) {
                log.debug("Cancelling a running statement failed", e);
            }
        }
        runners.forEach(Thread::interrupt);
    }

    /** Returns true once {@link #stop()} was called. */
    boolean stopped() {
        return stopped;
    }

    /**
     * Registers the calling thread as running an operation, to be interrupted on stop; throws the interruption when
     * the switch is already stopped. Pair with {@link #leave()}.
     */
    void enter(String what) {
        if (stopped) {
            throw new RunInterruptedException("The run was stopped (a shutdown signal, or Msr.stop()) before " + what
                    + " started; nothing was done.");
        }
        runners.add(Thread.currentThread());
    }

    /** Unregisters the calling thread and clears an interrupt this switch sent, so that reporting may write files. */
    void leave() {
        runners.remove(Thread.currentThread());
        if (stopped) {
            Thread.interrupted();
        }
    }

    /** Registers what cancels the statement running on a migration connection; returns what unregisters it. */
    AutoCloseable onStop(Runnable cancel) {
        cancels.add(cancel);
        return () -> cancels.remove(cancel);
    }

    /**
     * Returns the error a run ends with: when stopped (or the thread was interrupted), {@code error} explained as an interruption (exit code 10),
     * keeping the migration it names; else {@code error} itself. Call before the failure is recorded.
     */
    MsrException explain(MsrException error) {
        if (!stopped && !Thread.currentThread().isInterrupted() || error instanceof RunInterruptedException) {
            return error;
        }
        RunInterruptedException interrupted = new RunInterruptedException("Interrupted: the run was stopped (a"
                + " shutdown signal, or Msr.stop()). " + error.getMessage() + " The migration lock is released.",
                error.version().orElse(null), error.script().orElse(null), error.line().orElse(null),
                error.sqlState().orElse(null), error);
        return interrupted;
    }
}
