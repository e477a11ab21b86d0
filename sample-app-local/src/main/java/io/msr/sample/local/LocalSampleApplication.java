package io.msr.sample.local;

import io.msr.sample.SampleApplication;
import org.springframework.boot.SpringApplication;

/**
 * The main class of {@code sample-app-local.jar}: the sample app with the {@code local} profile on, so that
 * {@link LocalDatabase} gives it an embedded PostgreSQL. Everything else, arguments included, is
 * {@link SampleApplication}'s: {@code java -jar sample-app-local.jar --msr.mode=migrate} is the migration Job.
 * This module exists so that the production jar, {@code sample-app.jar}, never carries the local profile or the
 * embedded server.
 */
public final class LocalSampleApplication {

    private LocalSampleApplication() {
    }

    public static void main(String[] args) {
        SpringApplication.from(SampleApplication::main).withAdditionalProfiles("local").run(args);
    }
}
