package io.msr.internal.operation;

import io.msr.ConnectionException;
import io.msr.LockStatus;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.internal.execute.RunRecorder;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockLease;
import io.msr.internal.lock.LockObserver;
import io.msr.internal.lock.LockWatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The skeleton every operation shares, written once: start the record (the listener hears), prepare without a
 * connection (resolve and check the files, so bad input fails before the database is touched), open the session,
 * take the lock when the operation changes anything (a migrate waiting for it may instead find that another runner
 * did its work, and finish without it), read history, run the operation's own step, and turn any
 * failure into the failed result attached to its exception. The lock is around the step, as in ShedLock's
 * {@code LockingTaskExecutor}; the session and the lock are always closed before the result leaves.
 */
final class OperationTemplate {

    private static final Logger log = LoggerFactory.getLogger(OperationTemplate.class);

    private final EngineContext context;

    OperationTemplate(EngineContext context) {
        this.context = context;
    }

    /** What one operation does inside the skeleton. */
    interface Step {

        /** Runs before any connection is opened: resolve and check the files. Does nothing by default. */
        default void prepare() {
        }

        /**
         * Runs with the session open, history read and, for a locked operation, the lock held. Records what it
         * does in the run's recorder; throws an {@link MsrException}, or an {@link SQLException} that the skeleton
         * reports as a failure to use the history table.
         */
        void run(Run run) throws SQLException;

        /**
         * Asked while another runner holds the lock, after each poll, with that runner as last seen (null when
         * unknown); the session's connection is free to read with, the lock is not held. Returns true when reading
         * shows nothing left for this run, which then finishes successfully without the lock, with what this method
         * recorded; false keeps waiting, and must leave the recorder untouched. Only for an operation whose work another
         * runner's does for it (migrate); false by default.
         */
        default boolean finishedWithoutLock(RunSession session, @Nullable LockStatus holder, RunRecorder recorder) {
            return false;
        }
    }

    /**
     * What a step works with.
     *
     * @param session  the migration connection, dialect, history table and lock
     * @param lease    the lock, held for the whole step (a no-op lease for unlocked operations)
     * @param history  the history as read after the lock was taken
     * @param recorder records what the step did
     */
    record Run(RunSession session, LockLease lease, HistorySnapshot history, @Nullable RunRecorder recorder) {
    }

    /** Runs an operation: under the lock when {@code locked} (and the settings enable it), else without. */
    OperationResult run(Operation operation, boolean locked, MsrSettings settings, Step step) {
        RunRecorder recorder = new RunRecorder(operation, context.listener());
        StopSwitch stops = context.stops();
        try {
            stops.enter(name(operation));
            step.prepare();
            return withSession(settings, locked, (session, holder) -> step.finishedWithoutLock(session, holder,
                    recorder), recorder::success, (session, lease) -> {
                HistorySnapshot history = session.readHistory();
                recorder.versions(history.state().schemaVersion(), history.state().schemaVersion());
                try {
                    step.run(new Run(session, lease, history, recorder));
                } catch (SQLException e) {
                    throw SqlErrors.outsideMigration(name(operation) + " could not use the history table "
                            + session.history.qualifiedName(), e);
                }
                return recorder.success();
            });
        } catch (MsrException e) {
            MsrException error = stops.explain(e);
            log.error("{} failed: {}", name(operation), error.getMessage());
            throw recorder.failure(error);
        } finally {
            stops.leave();
        }
    }

    /**
     * Reads without the lock, without a record and without writing, on a session opened for reading only
     * ({@link RunSession#openForReading}): the session and the history, then closed.
     */
    <T> T read(MsrSettings settings, Function<Run, T> reader) {
        return stoppable("Reading", () -> {
            try (RunSession session = RunSession.openForReading(context, settings);
                 LockLease lease = session.lock.acquire(settings.lock().waitTimeout(), LockObserver.NONE)) {
                return reader.apply(new Run(session, lease, session.readHistory(), null));
            }
        });
    }

    /** Runs the body under the lock (when the settings enable it), without a record: the session and the history. */
    <T> T locked(MsrSettings settings, Function<Run, T> body) {
        return stoppable("The locked operation", () -> withSession(settings, true, NEVER_DONE, null,
                (session, lease) -> body.apply(new Run(session, lease, session.readHistory(), null))));
    }

    /** Runs the body as one the {@link StopSwitch} may stop, its failure explained as an interruption once stopped. */
    private <T> T stoppable(String what, Supplier<T> body) {
        StopSwitch stops = context.stops();
        try {
            stops.enter(what);
            return body.get();
        } catch (MsrException e) {
            throw stops.explain(e);
        } finally {
            stops.leave();
        }
    }

    private interface SessionBody<T> {
        T run(RunSession session, LockLease lease);
    }

    private static final BiPredicate<RunSession, @Nullable LockStatus> NEVER_DONE = (session, holder) -> false;

    /**
     * Opens the session, takes the lock when {@code locked} and runs the body; returns {@code finished}'s result
     * instead, without the lock, when {@code done} says so (asked with the session and the holder last seen) while
     * waiting for it. While the body runs under the lock, a {@link LockWatch} checks the lock; once it is lost (its
     * session terminated, or no answer within the patience of {@code msr.postgres.dead-client-timeout}), the
     * migration connection is cut, before the server can have freed the lock for another runner, so nothing this run
     * sends after that can commit, and the body's failure becomes a {@link ConnectionException} that says so.
     */
    private <T> T withSession(MsrSettings settings, boolean locked,
            BiPredicate<RunSession, @Nullable LockStatus> done, @Nullable Supplier<T> finished, SessionBody<T> body) {
        try (RunSession session = RunSession.open(context, settings, locked && settings.lock().enabled())) {
            Optional<LockLease> acquired = session.acquireLockUnlessDone(settings, context.listener(),
                    holder -> done.test(session, holder));
            if (acquired.isEmpty()) {
                return finished.get();
            }
            try (LockLease lease = acquired.get()) {
                lease.ensureHeld();
                DeadClientDetection detection = new DeadClientDetection(settings.postgres().deadClientTimeout());
                if (!locked || !settings.lock().enabled() || !detection.enabled()) {
                    try {
                        return body.run(session, lease);
                    } catch (MsrException e) {
                        throw ReadOnlyDatabase.explain(e, session.connection);
                    }
                }
                try (LockWatch watch = LockWatch.start(lease, detection.watchEvery(), lost -> session.cut())) {
                    try {
                        return body.run(session, lease);
                    } catch (MsrException e) {
                        throw watch.lost().map(lost -> lockLost(lost, e))
                                .orElseGet(() -> ReadOnlyDatabase.explain(e, session.connection));
                    }
                }
            }
        }
    }

    /**
     * The error of a run whose lock was lost while it worked: the lock's reason first, then what was running when the
     * watch cut the migration connection (its version and file kept); exit code 7.
     */
    private static MsrException lockLost(ConnectionException lost, MsrException stopped) {
        String what = stopped.version().map(version -> "V" + version + stopped.script().map(script -> " (" + script
                + ")").orElse("")).orElse("the run");
        ConnectionException error = new ConnectionException(lost.getMessage() + " The migration connection was cut"
                + " to stop " + what + ", which then failed with: " + stopped.getMessage(), stopped.version()
                .orElse(null), stopped.script().orElse(null), stopped.line().orElse(null), stopped.sqlState()
                .orElse(null), stopped);
        error.addSuppressed(lost);
        return error;
    }

    /** Returns "Migrate", "Lock release" and so on, for log lines. */
    static String name(Operation operation) {
        String words = operation.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
