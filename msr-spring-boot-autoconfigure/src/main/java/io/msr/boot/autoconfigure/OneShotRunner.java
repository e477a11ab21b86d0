package io.msr.boot.autoconfigure;

import io.msr.ConfigurationException;
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
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

import java.time.Instant;
import java.util.List;

/**
 * Runs the one-shot operation of {@code msr.mode} once the context is refreshed and before the application's
 * runners, reports it, closes the context and exits with the operation's exit code (even when the application
 * has non-daemon threads).
 */
final class OneShotRunner implements ApplicationListener<ApplicationStartedEvent> {

    private static final Logger log = LoggerFactory.getLogger(OneShotRunner.class);

    private final Msr msr;
    private final MsrProperties properties;
    private final OneShotReport report;
    private final OneShotExit exit;

    OneShotRunner(Msr msr, MsrProperties properties, OneShotReport report, OneShotExit exit) {
        this.msr = msr;
        this.properties = properties;
        this.report = report;
        this.exit = exit;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        int code = run();
        int exitCode = SpringApplication.exit(event.getApplicationContext(), () -> code);
        exit.exit(exitCode);
    }

    /** Runs the operation, reports it and returns its exit code. */
    int run() {
        MsrMode mode = properties.getMode();
        try {
            switch (mode) {
                case INFO -> {
                    InfoResult info = msr.info();
                    report.info(info);
                    return ExitCode.SUCCESS.code();
                }
                case LOCK_STATUS -> {
                    LockStatus status = msr.lockStatus();
                    report.lock(Operation.LOCK_STATUS, status);
                    return ExitCode.SUCCESS.code();
                }
                case LOCK_RELEASE -> {
                    LockStatus status = msr.releaseLock();
                    report.lock(Operation.LOCK_RELEASE, status);
                    return ExitCode.SUCCESS.code();
                }
                default -> {
                    OperationResult result = execute(mode);
                    report.operation(result);
                    return result.exitCode().code();
                }
            }
        } catch (MsrException e) {
            OperationResult result = e.result().orElseGet(() -> failed(mode, e.toFailure()));
            report.operation(UnsupportedDatabase.of(e).map(unsupported -> unsupported.explain(result)).orElse(result));
            return e.exitCode().code();
        } catch (RuntimeException e) {
            log.error("msr.mode={} failed unexpectedly", mode.propertyValue(), e);
            Failure failure = new Failure(ExitCode.ERROR, e.getClass().getSimpleName(),
                    Redaction.redact(String.valueOf(e.getMessage()), properties.getDatasource().getPassword()), null,
                    null, null, null);
            report.operation(failed(mode, failure));
            return ExitCode.ERROR.code();
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
            case DOWN -> {
                if (properties.getTarget() == null) {
                    throw new ConfigurationException("msr.mode=down needs msr.target: the version to go back to"
                            + " (0 reverts every migration).");
                }
                yield msr.down(properties.getTarget());
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
            case VALIDATE -> Operation.VALIDATE;
            case DOWN -> Operation.DOWN;
            case REPAIR -> Operation.REPAIR;
            case INFO -> Operation.INFO;
            case LOCK_STATUS -> Operation.LOCK_STATUS;
            case LOCK_RELEASE -> Operation.LOCK_RELEASE;
            case BACKUP -> Operation.BACKUP;
            case RESTORE -> Operation.RESTORE;
            default -> Operation.MIGRATE;
        };
    }
}
