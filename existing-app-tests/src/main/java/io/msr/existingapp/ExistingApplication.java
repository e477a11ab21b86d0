package io.msr.existingapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * An existing Spring Boot application that adopts MSR: Spring Data JPA with {@code ddl-auto=validate} over the
 * schema MSR's migrations create, and startup work of every kind, each leaving a marker ({@link Markers}).
 */
@SpringBootApplication
@EnableScheduling
public class ExistingApplication {

    public static void main(String[] args) {
        // Like a client library's background thread: a non-daemon thread that alone would keep the JVM alive,
        // so a test sees MSR's exit code rather than the JVM's own. Not while the build runs Spring AOT on main, nor
        // with -Dapp.background-thread=false (a test of an application that has no such thread).
        if (!Boolean.getBoolean("spring.aot.processing")
                && Boolean.parseBoolean(System.getProperty("app.background-thread", "true"))) {
            startBackgroundThread();
        }
        SpringApplication.run(ExistingApplication.class, args);
    }

    private static void startBackgroundThread() {
        Thread background = new Thread(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "non-daemon-background");
        background.start();
    }
}
