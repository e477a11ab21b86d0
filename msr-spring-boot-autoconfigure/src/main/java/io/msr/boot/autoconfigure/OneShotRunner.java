package io.msr.boot.autoconfigure;

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

    OneShotRunner(Msr msr, MsrProperties properties, OneShotReport report) {
        this(msr, properties, report, () -> {
            throw new IllegalStateException("msr.mode=check is not run on a database");
        });
    }

    /** Creates a runner; {@code check} runs the offline check of {@code msr.mode=check} ({@code msr} is unused then). */
    OneShotRunner(Msr msr, MsrProperties properties, OneShotReport report, Supplier<CheckResult> check) {
        this.msr = msr;
        this.properties = properties;
        this.report = report;
        this.check = check;
    }

    /** What the operation produced; {@code failure} is the exception it ended with, null when it ended normally. */
    record Outcome(OneShotResult result, RuntimeException failure) {
    }

    /** Runs the operation and reports it; never throws. */
    Outcome run() {
        MsrMode mode = properties.getMode();
        try {
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
                    report.lock(Operation.LOCK_STATUS, status);
                    return new Outcome(new OneShotResult(mode, ExitCode.SUCCESS.code(), status), null);
                }
                case DRIFT -> {
                    DriftResult drift = properties.getDrift().isRecord() ? msr.recordFingerprint() : msr.drift();
                    report.drift(drift);
                    return new Outcome(new OneShotResult(mode, drift.exitCode().code(), drift), null);
                }
                case LOCK_RELEASE -> {
                    LockStatus status = msr.releaseLock();
                    report.lock(Operation.LOCK_RELEASE, status);
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
            case BASELINE -> {
                if (properties.baselineVersion() == null) {
                    throw new ConfigurationException("msr.mode=baseline needs msr.baseline-version: the version the"
                            + " schema already holds everything up to (the migrations up to it are then covered, and"
                            + " only newer ones run).");
                }
                yield msr.baseline(properties.baselineVersion());
            }
            case DOWN -> {
                if (properties.getTarget() == null) {
                    throw new ConfigurationException("msr.mode=down needs msr.target: the version to go back to"
                            + " (0 reverts every migration).");
                }
                yield msr.down(properties.targetVersion());
            }
            default -> throw new IllegalStateException("not a one-shot operation: " + mode);
        };
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
