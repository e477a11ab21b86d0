package io.msr.boot.autoconfigure;

import io.msr.AcrossSchemas;
import io.msr.CheckResult;
import io.msr.ConfigurationException;
import io.msr.DriftResult;
import io.msr.ExitCode;
import io.msr.Failure;
import io.msr.InfoResult;
import io.msr.LockStatus;
import io.msr.Msr;
import io.msr.MsrException;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.Redaction;
import io.msr.SchemasResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the one-shot operation of {@code msr.mode} and reports it (summary, JSON file, termination message).
 * {@link OneShotInitializer} decides when it runs and how the process ends.
 */
final class OneShotRunner {

    private static final Logger log = LoggerFactory.getLogger(OneShotRunner.class);

    private final Msr msr;
    private final MsrProperties properties;
    private final OneShotReport report;

    private final Supplier<CheckResult> check;
    private final boolean acrossSchemas;
    private final MigrationInProgress progress;
    /** Freed when the heap runs out, so that the summary can still be written. */
    private byte[] reserve = new byte[1024 * 1024];

    OneShotRunner(Msr msr, MsrProperties properties, OneShotReport report) {
        this(msr, properties, report, () -> {
            throw new IllegalStateException("msr.mode=check is not run on a database");
        });
    }

    /** Creates a runner; {@code check} runs the offline check of {@code msr.mode=check} ({@code msr} is unused then). */
    OneShotRunner(Msr msr, MsrProperties properties, OneShotReport report, Supplier<CheckResult> check) {
        this(msr, properties, report, check, false);
    }

    /**
     * Creates a runner; with {@code acrossSchemas} (msr.schemas or an {@link MsrSchemaSource}), the operations that
     * work on a schema run over each schema ({@link Msr#acrossSchemas()}).
     */
    OneShotRunner(Msr msr, MsrProperties properties, OneShotReport report, Supplier<CheckResult> check,
            boolean acrossSchemas) {
        this(msr, properties, report, check, acrossSchemas, new MigrationInProgress());
    }

    /**
     * Creates a runner as above; {@code progress}, a listener of {@code msr}, names the migration in progress when the
     * heap runs out.
     */
    OneShotRunner(Msr msr, MsrProperties properties, OneShotReport report, Supplier<CheckResult> check,
            boolean acrossSchemas, MigrationInProgress progress) {
        this.progress = progress;
        this.msr = msr;
        this.properties = properties;
        this.report = report;
        this.check = check;
        this.acrossSchemas = acrossSchemas;
    }

    /** What the operation produced; {@code failure} is the exception it ended with, null when it ended normally. */
    record Outcome(OneShotResult result, RuntimeException failure) {
    }

    /**
     * Stops the operation running, from any thread ({@link Msr#stop()}): it then ends with exit code 10 and is
     * reported as any failure. Does nothing for {@code msr.mode=check}, which has no database.
     */
    void stop() {
        if (msr != null) {
            msr.stop();
        }
    }


    /**
     * Runs the operation and reports it; never throws. An {@link Error} (the heap running out above all) ends the run
     * with {@link ExitCode#ERROR} and a summary naming the migration in progress, instead of killing the JVM with none.
     */
    Outcome run() {
        MsrMode mode = properties.getMode();
        try {
            return operation(mode);
        } catch (OutOfMemoryError e) {
            // The stack unwound up to here, so what the migration held is unreachable; the reserve is a last margin.
            reserve = null;
            return error(mode, outOfMemory(mode), e);
        } catch (Error e) {
            return error(mode, "msr.mode=" + mode.propertyValue() + " failed with " + e + inProgress(), e);
        }
    }

    private Outcome error(MsrMode mode, String message, Error error) {
        log.error(message, error);
        MigrationInProgress.Current current = progress.current();
        Failure failure = new Failure(ExitCode.ERROR, error.getClass().getSimpleName(),
                Redaction.redact(message, properties.getDatasource().getPassword()),
                current == null ? null : current.version(), current == null ? null : current.script(), null, null);
        OperationResult result = failed(mode, failure);
        report.operation(result);
        return new Outcome(new OneShotResult(mode, ExitCode.ERROR.code(), result), new IllegalStateException(message,
                error));
    }

    private String outOfMemory(MsrMode mode) {
        long heap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "msr.mode=" + mode.propertyValue() + " ran out of memory (a Java heap of " + heap + " MiB)"
                + inProgress() + ". A migration needs about seven times its size in heap while it runs. Give the JVM"
                + " more memory (the container's memory limit, -XX:MaxRAMPercentage), or split the migration;"
                + " msr.max-migration-size (" + properties.getMaxMigrationSize().toMegabytes() + " MB) refuses larger files before"
                + " anything runs.";
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

    private Outcome operation(MsrMode mode) {
        try {
            // Backup and restore work on the database (or msr.backup.schemas), whatever schemas are migrated.
            if (acrossSchemas && mode != MsrMode.CHECK && mode != MsrMode.BACKUP && mode != MsrMode.RESTORE) {
                SchemasResult<?> result = overSchemas(mode);
                report.schemas(result);
                return new Outcome(new OneShotResult(mode, result.exitCode().code(), result), null);
            }
            switch (mode) {
                case CHECK -> {
                    CheckResult result = check.get();
                    report.check(result);
                    return new Outcome(new OneShotResult(mode, result.exitCode().code(), result), null);
                }
                case INFO -> {
                    InfoResult info = msr.info();
                    report.info(info);
                    return new Outcome(new OneShotResult(mode, ExitCode.SUCCESS.code(), info), null);
                }
                case LOCK_STATUS -> {
                    LockStatus status = msr.lockStatus();
                    report.lock(status);
                    return new Outcome(new OneShotResult(mode, ExitCode.SUCCESS.code(), status), null);
                }
                case DRIFT -> {
                    DriftResult drift = properties.getDrift().isRecord() ? msr.recordFingerprint() : msr.drift();
                    report.drift(drift);
                    return new Outcome(new OneShotResult(mode, drift.exitCode().code(), drift), null);
                }
                case LOCK_RELEASE -> {
                    LockStatus status = msr.releaseLock().asLockRelease();
                    report.lock(status);
                    return new Outcome(new OneShotResult(mode, ExitCode.SUCCESS.code(), status), null);
                }
                default -> {
                    OperationResult result = execute(mode);
                    report.operation(result);
                    return new Outcome(new OneShotResult(mode, result.exitCode().code(), result), null);
                }
            }
        } catch (MsrException e) {
            OperationResult result = e.result().orElseGet(() -> failed(mode, e.toFailure()));
            OperationResult reported = UnsupportedDatabase.of(e).map(unsupported -> unsupported.explain(result))
                    .orElse(result);
            report.operation(reported);
            return new Outcome(new OneShotResult(mode, e.exitCode().code(), reported), e);
        } catch (RuntimeException e) {
            log.error("msr.mode={} failed unexpectedly", mode.propertyValue(), e);
            Failure failure = new Failure(ExitCode.ERROR, e.getClass().getSimpleName(),
                    Redaction.redact(String.valueOf(e.getMessage()), properties.getDatasource().getPassword()), null,
                    null, null, null);
            OperationResult result = failed(mode, failure);
            report.operation(result);
            return new Outcome(new OneShotResult(mode, ExitCode.ERROR.code(), result), e);
        }
    }

    private SchemasResult<?> overSchemas(MsrMode mode) {
        AcrossSchemas schemas = msr.acrossSchemas();
        return switch (mode) {
            case MIGRATE -> schemas.migrate();
            case INFO -> schemas.info();
            case VALIDATE -> schemas.validate();
            case REPAIR -> schemas.repair();
            case DOWN -> schemas.down(downTarget());
            case BASELINE -> schemas.baseline(baselineVersion());
            case DRIFT -> properties.getDrift().isRecord() ? schemas.recordFingerprint() : schemas.drift();
            default -> throw new ConfigurationException("msr.mode=" + mode.propertyValue() + " works on one schema's"
                    + " lock, not over msr.schemas: run it without msr.schemas (and without an MsrSchemaSource), with"
                    + " msr.schema naming the schema whose lock it is about.");
        };
    }

    private OperationResult execute(MsrMode mode) {
        return switch (mode) {
            case MIGRATE -> msr.migrate();
            case VALIDATE -> msr.validate();
            case REPAIR -> msr.repair();
            case BACKUP -> msr.backup();
            case RESTORE -> {
                if (properties.getBackup().getFile() == null) {
                    throw new ConfigurationException("msr.mode=restore needs msr.backup.file: the backup file to"
                            + " restore (one written by msr.mode=backup or kept by msr.backup.keep).");
                }
                yield msr.restore(properties.getBackup().getFile());
            }
            case BASELINE -> msr.baseline(baselineVersion());
            case DOWN -> msr.down(downTarget());
            default -> throw new IllegalStateException("not a one-shot operation: " + mode);
        };
    }

    private io.msr.Version baselineVersion() {
        if (properties.baselineVersion() == null) {
            throw new ConfigurationException("msr.mode=baseline needs msr.baseline-version: the version the"
                    + " schema already holds everything up to (the migrations up to it are then covered, and"
                    + " only newer ones run).");
        }
        return properties.baselineVersion();
    }

    private io.msr.Version downTarget() {
        if (properties.getTarget() == null) {
            throw new ConfigurationException("msr.mode=down needs msr.target: the version to go back to"
                    + " (0 reverts every migration).");
        }
        return properties.targetVersion();
    }

    private static OperationResult failed(MsrMode mode, Failure failure) {
        return new OperationResult(operationOf(mode), failure.exitCode(), Instant.now(), 0, null, null, List.of(),
                List.of(), List.of(), failure);
    }

    private static Operation operationOf(MsrMode mode) {
        return switch (mode) {
            case VALIDATE, CHECK -> Operation.VALIDATE;
            case DOWN -> Operation.DOWN;
            case REPAIR -> Operation.REPAIR;
            case INFO -> Operation.INFO;
            case LOCK_STATUS -> Operation.LOCK_STATUS;
            case LOCK_RELEASE -> Operation.LOCK_RELEASE;
            case BACKUP -> Operation.BACKUP;
            case RESTORE -> Operation.RESTORE;
            case BASELINE -> Operation.BASELINE;
            case DRIFT -> Operation.DRIFT;
            default -> Operation.MIGRATE;
        };
    }
}
