package io.msr.existingapp;

import io.msr.test.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same jar with Spring AOT's generated initializer ({@code -Dspring.aot.enabled=true}; the build ran
 * {@code spring-boot:process-aot} with the default msr.mode): the mode is still decided when the jar runs, so it
 * works as the migrate Job and as the application.
 */
class AotIT extends ExistingAppDatabases {

    private static final PackagedJar JAR = new PackagedJar(ExistingApp.JAR);
    private static final Map<String, String> AOT = Map.of("JAVA_TOOL_OPTIONS", "-Dspring.aot.enabled=true");

    @TempDir
    Path dir;

    @Test
    void migratesAsTheJobThenStartsAsTheApplicationWithItsTwoDataSources() {
        ExistingApp app = new ExistingApp(JAR, AOT, db, audit, dir);

        PackagedJar.Run job = app.job();

        assertThat(job.exitCode()).as(job.output()).isZero();
        assertThat(job.output()).contains("Starting AOT-processed ExistingApplication")
                .contains("MSR migrate succeeded: 1 migration(s) run").doesNotContain("Tomcat");
        assertThat(app.markers()).isEmpty();

        PackagedJar.Started started = app.start();
        try {
            assertThat(app.markers()).contains("application-ready", "command-line-runner", "context-refreshed-1",
                    "smart-initializing-singleton-1", "audit-database-" + audit.name());
            assertThat(started.output()).contains("Starting AOT-processed ExistingApplication");
        } finally {
            started.stop();
        }
        audit.assertUntouchedByMsr();
    }
}
