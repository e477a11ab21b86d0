package io.msr.boot.autoconfigure;

import io.msr.ExitCode;
import io.msr.MsrException;
import io.msr.boot.autoconfigure.oneshot.ApplicationLaunch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes a launched application (packaged, extracted, or an IDE's main; never a test, see
 * {@link ApplicationLaunch}) exit when it fails to start in a one-shot mode, or because of MSR (an invalid
 * {@code msr.*} value, no database, a failed migrate-on-start), with the failure's exit code, even when it has
 * non-daemon threads that would otherwise keep the JVM alive after the failure report: a Kubernetes Job must see the
 * failure, not hang. The exit happens after Spring Boot has printed its failure analysis and the main thread
 * has ended.
 */
final class StartupFailureExit implements SpringApplicationRunListener {

    private boolean oneShotOrInvalidMode;

    /** Created by Spring Boot for each application run. */
    public StartupFailureExit(SpringApplication application, String[] args) {
        // Spring Boot's run-listener contract requires this constructor; neither argument is needed.
    }

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
            ConfigurableEnvironment environment) {
        MsrMode mode = MsrModeCondition.mode(environment);
        oneShotOrInvalidMode = mode == null || mode.oneShot();
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        boolean ours = oneShotOrInvalidMode || new MsrFailureAnalyzer().analyze(exception) != null;
        if (!ours || ApplicationLaunch.insideTest()) {
            return;
        }
        int code = exitCode(exception);
        Thread main = Thread.currentThread();
        Thread exit = new Thread(() -> {
            try {
                main.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(code);
        }, "msr-startup-failure-exit");
        // Not a daemon: otherwise, when nothing else keeps the JVM alive, the JVM ending on the uncaught exception
        // (exit code 1) races this thread's System.exit with the failure's own code.
        exit.setDaemon(false);
        exit.start();
    }

    static int exitCode(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof MsrException msr) {
                return msr.exitCode().code();
            }
        }
        return ExitCode.ERROR.code();
    }
}
