package io.msr.boot.autoconfigure.oneshot;

import java.time.Duration;

/** How a one-shot mode ends a launched application; never used inside a test. */
@FunctionalInterface
public interface OneShotExit {

    /**
     * Flushes standard output and error, then exits the JVM with the code, running shutdown hooks (Spring Boot's
     * flushes the logs). A daemon watchdog halts the JVM with the same code should a shutdown hook hang.
     */
    OneShotExit SYSTEM = code -> {
        System.out.flush();
        System.err.flush();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("MSR: shutdown hooks did not finish within 30s; halting with exit code " + code);
            Runtime.getRuntime().halt(code);
        }, "msr-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(code);
    };

    /** Ends the process with the exit code; does not return in a real launch. */
    void exit(int code);
}
