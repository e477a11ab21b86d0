package io.msr.boot.autoconfigure.oneshot;

import io.msr.ExitCode;
import io.msr.Failure;
import io.msr.Msr;
import io.msr.MsrException;
import io.msr.MsrResult;
import io.msr.OperationResult;
import io.msr.Redaction;
import io.msr.boot.autoconfigure.datasource.UnsupportedDatabase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Runs the one-shot operation of {@code msr.mode} and reports it (summary, JSON file, termination message).
 * {@link OneShotInitializer} decides when it runs and how the process ends.
 */
public final class OneShotRunner {

    private static final Logger log = LoggerFactory.getLogger(OneShotRunner.class);

    private final OneShotSettings settings;
    private final OneShotInputs inputs;
    private final OneShotReport report;
    private final TargetSchemas targets;
    private final MigrationInProgress progress;
    /** Freed when the heap runs out, so that the summary can still be written. */
    private byte @Nullable [] reserve = new byte[1024 * 1024];

    /** Creates a runner of the operation of {@code msr.mode} on one schema. */
    OneShotRunner(OneShotInputs inputs, OneShotReport report) {
        this(inputs, report, new TargetSchemas.One(null), new MigrationInProgress());
    }

    /**
     * Creates a runner of the operation of {@code msr.mode} on {@code targets}: over listed schemas (msr.schemas or an
     * {@code MsrSchemaSource}), it runs as its {@link OneShotOperation} says. {@code progress}, a listener of the
     * engine, names the migration in progress when the heap runs out.
     */
    public OneShotRunner(OneShotInputs inputs, OneShotReport report, TargetSchemas targets,
            MigrationInProgress progress) {
        this.settings = inputs.settings();
        this.inputs = inputs;
        this.report = report;
        this.targets = targets;
        this.progress = progress;
    }

    /**
     * What the operation produced: what was reported, the exit code it stands for, and the exception it ended with
     * ({@code failure}), null when it ended normally.
     */
    record Outcome(MsrResult result, int exitCode, @Nullable RuntimeException failure) {
    }

    /** Returns whether {@code msr.mode} at run time is a one-shot mode, so that there is an operation to run. */
    boolean oneShot() {
        return settings.operation() != null;
    }

    /** Returns the value of {@code msr.mode}, as messages name it. */
    String mode() {
        return settings.mode();
    }

    /**
     * Stops the operation running, from any thread ({@link Msr#stop()}): it then ends with exit code 10 and is
     * reported as any failure. Does nothing for an operation that needs no database ({@code msr.mode=check}).
     */
    void stop() {
        inputs.stop();
    }

    /**
     * Makes the engine when the operation needs a database: call before the run, so that an engine that cannot be
     * made fails the context as any bean would, rather than being reported as the operation's failure.
     */
    void prepare() {
        if (settings.needsDatabase()) {
            inputs.msr();
        }
    }

    /**
     * Runs the operation and reports it; never throws. An {@link Error} (the heap running out above all) ends the run
     * with {@link ExitCode#ERROR} and a summary naming the migration in progress, instead of killing the JVM with none.
     */
    Outcome run() {
        String mode = settings.mode();
        try {
            return operation(mode);
        } catch (OutOfMemoryError e) {
            // The stack unwound up to here, so what the migration held is unreachable; the reserve is a last margin.
            reserve = null;
            return error(outOfMemory(mode), e);
        } catch (Error e) {
            return error("msr.mode=" + mode + " failed with " + e + inProgress(), e);
        }
    }

    private Outcome error(String message, Error error) {
        log.error(message, error);
        MigrationInProgress.Current current = progress.current();
        Failure failure = new Failure(ExitCode.ERROR, error.getClass().getSimpleName(),
                Redaction.redact(message, settings.password()),
                current == null ? null : current.version(), current == null ? null : current.script(), null, null);
        OperationResult result = failed(failure);
        report.report(result);
        return new Outcome(result, ExitCode.ERROR.code(), new IllegalStateException(message, error));
    }

    private String outOfMemory(String mode) {
        long heap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "msr.mode=" + mode + " ran out of memory (a Java heap of " + heap + " MiB)"
                + inProgress() + ". A migration needs about seven times its size in heap while it runs. Give the JVM"
                + " more memory (the container's memory limit, -XX:MaxRAMPercentage), or split the migration;"
                + " msr.max-migration-size (" + settings.maxMigrationSizeMegabytes() + " MB) refuses larger files"
                + " before anything runs.";
    }

    private String inProgress() {
        MigrationInProgress.Current current = progress.current();
        if (current == null) {
            return " before any migration started: nothing was applied by this run";
        }
        return " while applying " + (current.direction() == io.msr.Direction.DOWN ? "the down migration of " : "")
                + (current.version() == null ? "" : "V" + current.version() + " ") + "(" + current.script() + "):"
                + " its transaction, if it had one, was rolled back; one that runs outside a transaction"
                + " (-- msr:transaction=false) may be partly applied, so check the schema before running again";
    }

    private Outcome operation(String mode) {
        try {
            MsrResult result = OneShotOperation.of(settings.operation()).run(inputs, targets);
            report.report(result);
            return new Outcome(result, result.exitCode().code(), null);
        } catch (MsrException e) {
            OperationResult result = e.result().orElseGet(() -> failed(e.toFailure()));
            OperationResult reported = UnsupportedDatabase.of(e).map(unsupported -> unsupported.explain(result))
                    .orElse(result);
            report.report(reported);
            return new Outcome(reported, e.exitCode().code(), e);
        } catch (RuntimeException e) {
            log.error("msr.mode={} failed unexpectedly", mode, e);
            Failure failure = new Failure(ExitCode.ERROR, e.getClass().getSimpleName(),
                    Redaction.redact(String.valueOf(e.getMessage()), settings.password()), null, null, null, null);
            OperationResult result = failed(failure);
            report.report(result);
            return new Outcome(result, ExitCode.ERROR.code(), e);
        }
    }

    private OperationResult failed(Failure failure) {
        return new OperationResult(settings.operation(), failure.exitCode(), Instant.now(), 0, null,
                null, List.of(), List.of(), List.of(), failure);
    }
}
