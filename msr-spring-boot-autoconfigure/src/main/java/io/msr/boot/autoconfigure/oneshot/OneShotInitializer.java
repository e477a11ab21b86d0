package io.msr.boot.autoconfigure.oneshot;

import io.msr.MsrResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs a one-shot {@code msr.mode} as a database initializer: while the context refreshes, before any bean that
 * depends on database initialisation (JPA's EntityManagerFactory, JdbcTemplate, JdbcClient, repositories)
 * exists, so that {@code spring.jpa.hibernate.ddl-auto=validate} sees the migrated schema.
 *
 * <p>In a launched application it then reports the result and ends the JVM with the exit code from inside the
 * refresh, so nothing of the application's own work runs: no {@code SmartInitializingSingleton}, no
 * {@code ContextRefreshedEvent}, {@code ApplicationStartedEvent} or {@code ApplicationReadyEvent} listener, no
 * lifecycle bean, no runner. Spring Framework recognises a refreshing thread stuck in {@code System.exit} and
 * its shutdown hook then skips closing the context instead of waiting for it.
 *
 * <p>Inside a test ({@link ApplicationLaunch}) it never exits: a success is kept as {@link #result()} and the
 * refresh goes on; a failure is thrown, failing the context with the {@link io.msr.MsrException} as cause.
 *
 * <p>A SIGTERM or SIGINT during the run stops it: see {@link OneShotShutdown}.
 *
 * <p>Does nothing when the mode at run time is not a one-shot mode: an AOT-processed application has this bean
 * whatever mode it was built with.
 */
public final class OneShotInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OneShotInitializer.class);

    private final OneShotRunner runner;
    private final OneShotExit exit;
    private final BooleanSupplier insideTest;
    private final Duration shutdownTimeout;
    private @Nullable MsrResult result;

    /**
     * Creates the initializer; in a launched application, a SIGTERM or SIGINT during the run stops it and ends the
     * process within {@code shutdownTimeout} ({@link OneShotShutdown}).
     */
    public OneShotInitializer(OneShotRunner runner, OneShotExit exit, BooleanSupplier insideTest,
            Duration shutdownTimeout) {
        this.runner = runner;
        this.exit = exit;
        this.insideTest = insideTest;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void afterPropertiesSet() {
        if (!runner.oneShot()) {
            return;
        }
        runner.prepare();
        boolean launched = !insideTest.getAsBoolean();
        OneShotShutdown shutdown = new OneShotShutdown(runner::stop, shutdownTimeout, Runtime.getRuntime()::halt);
        if (launched) {
            shutdown.install();
        }
        OneShotRunner.Outcome outcome = runner.run();
        int code = outcome.exitCode();
        if (launched) {
            shutdown.finished(code);
            log.debug("msr.mode={} ended with exit code {}; exiting", runner.mode(), code);
            // After a signal this blocks (the JVM is shutting down) until the shutdown hook halts with the code.
            exit.exit(code);
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        if (code != 0) {
            throw new IllegalStateException("msr.mode=" + runner.mode() + " ended with exit code " + code);
        }
        result = outcome.result();
    }

    /**
     * Returns what the operation that succeeded reported (the root makes the {@code OneShotResult} bean of it), or
     * null when no one-shot operation ran.
     */
    public @Nullable MsrResult result() {
        return result;
    }
}
