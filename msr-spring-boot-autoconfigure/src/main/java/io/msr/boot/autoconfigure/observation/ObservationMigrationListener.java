package io.msr.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.msr.Direction;
import io.msr.ExecutedMigration;
import io.msr.Failure;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.Version;
import io.msr.boot.autoconfigure.observation.MsrObservationContext.Kind;
import io.msr.boot.autoconfigure.observation.MsrObservationContext.Outcome;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Observes each run as {@link MsrObservations#OPERATION}, with the lock wait and each migration as its children. A
 * run is what starts with {@code runStarted}: reads without a record (verify mode's refresh, the drift check) make no
 * observation, and lock events outside a run are ignored. Each observation's scope is open while it runs, so that
 * what the migration does (JDBC observations, log lines with the trace id) belongs to it. Events arrive on the run's
 * thread, so the open observations are kept per thread; runFinished stops whatever is still open, with the error.
 */
public final class ObservationMigrationListener implements MigrationListener {

    private final ObservationRegistry registry;
    private final Map<Kind, MsrObservationConvention> conventions = new EnumMap<>(Kind.class);
    private final Map<Kind, MsrObservationConvention> defaults = new EnumMap<>(Kind.class);
    private final ThreadLocal<Deque<Run>> runs = new ThreadLocal<>();

    /** Observes into the registry; the first of {@code conventions} for a kind replaces its default. */
    public ObservationMigrationListener(ObservationRegistry registry, List<MsrObservationConvention> conventions) {
        this.registry = registry;
        for (Kind kind : Kind.values()) {
            defaults.put(kind, new DefaultMsrObservationConvention(kind));
        }
        for (MsrObservationConvention convention : conventions) {
            this.conventions.putIfAbsent(convention.kind(), convention);
        }
    }

    @Override
    public void runStarted(Operation operation) {
        Deque<Run> stack = runs.get();
        if (stack == null) {
            stack = new ArrayDeque<>();
            runs.set(stack);
        }
        stack.push(new Run(operation, open(MsrObservationContext.operation(operation), null)));
    }

    @Override
    public void lockWaitStarted(String key) {
        Run run = current();
        if (run != null && run.lock == null) {
            run.lock = open(MsrObservationContext.lockWait(run.operation, key), run.observed.observation);
        }
    }

    @Override
    public void lockAcquired(String key, Duration waited) {
        Run run = current();
        if (run != null && run.lock != null) {
            run.lock.stop(Outcome.SUCCESS, null);
            run.lock = null;
        }
    }

    @Override
    public void lockNotNeeded(String key, Duration waited) {
        Run run = current();
        if (run != null && run.lock != null) {
            run.lock.stop(Outcome.NOT_NEEDED, null);
            run.lock = null;
        }
    }

    @Override
    public void lockWaitFailed(String key, MsrException error) {
        Run run = current();
        if (run != null && run.lock != null) {
            run.error = error;
            run.lock.stop(Outcome.FAILURE, error);
            run.lock = null;
        }
    }

    @Override
    public void migrationStarted(Version version, String description, String script, Direction direction) {
        Run run = current();
        if (run == null) {
            return;
        }
        if (run.migration != null) {
            // The same migration starts again without having ended: its last attempt failed and is retried.
            run.migration.stop(Outcome.RETRIED, null);
        }
        run.migration = open(MsrObservationContext.migration(run.operation, version, description, script, direction),
                run.observed.observation);
    }

    @Override
    public void migrationSucceeded(ExecutedMigration migration) {
        endMigration(migration, Outcome.SUCCESS, null);
    }

    @Override
    public void migrationFailed(ExecutedMigration migration, MsrException error) {
        Run run = current();
        if (run != null) {
            run.error = error;
        }
        endMigration(migration, Outcome.FAILURE, error);
    }

    @Override
    public void runFinished(OperationResult result) {
        Deque<Run> stack = runs.get();
        if (stack == null || stack.isEmpty()) {
            return;
        }
        Run run = stack.pop();
        if (stack.isEmpty()) {
            runs.remove();
        }
        Throwable error = result.success() ? null : error(run, result.failure());
        if (run.migration != null) {
            run.migration.stop(Outcome.FAILURE, error);
        }
        if (run.lock != null) {
            run.lock.stop(Outcome.FAILURE, error);
        }
        run.observed.stop(result.success() ? Outcome.SUCCESS : Outcome.FAILURE, error);
    }

    private void endMigration(ExecutedMigration migration, Outcome outcome, MsrException error) {
        Run run = current();
        // A batch that fails at COMMIT reports its last migration failed after it succeeded: the run carries the error.
        if (run == null || run.migration == null) {
            return;
        }
        run.migration.context.ended(migration.type(), migration.phase());
        run.migration.stop(outcome, error);
        run.migration = null;
    }

    private @Nullable Run current() {
        Deque<Run> stack = runs.get();
        return stack == null ? null : stack.peek();
    }

    private Observed open(MsrObservationContext context, @Nullable Observation parent) {
        Observation observation = Observation.createNotStarted(conventions.get(context.kind()),
                defaults.get(context.kind()), () -> context, registry);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        observation.start();
        return new Observed(context, observation, observation.openScope());
    }

    /** The error that ended the run as heard, or one standing for the failure the result names. */
    private static Throwable error(Run run, Failure failure) {
        if (run.error != null && run.error.toFailure().equals(failure)) {
            return run.error;
        }
        return new RunFailure(failure);
    }

    /** One run's open observations. */
    private static final class Run {

        final Operation operation;
        final Observed observed;
        @Nullable Observed lock;
        @Nullable Observed migration;
        @Nullable MsrException error;

        Run(Operation operation, Observed observed) {
            this.operation = operation;
            this.observed = observed;
        }
    }

    private record Observed(MsrObservationContext context, Observation observation, Observation.Scope scope) {

        void stop(Outcome outcome, @Nullable Throwable error) {
            context.outcome(outcome);
            if (error != null) {
                observation.error(error);
            }
            scope.close();
            observation.stop();
        }
    }

    /**
     * Stands for a failure heard of only through the result (a validation error, a lost connection): the
     * observation's error then reads {@code RunFailure} with the type and message of the real one.
     */
    static final class RunFailure extends RuntimeException {

        RunFailure(Failure failure) {
            super(failure.type() + ": " + failure.message(), null, false, false);
        }
    }
}
