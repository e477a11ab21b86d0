package io.msr.existingapp;

import io.msr.test.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The existing application packaged as a fat jar ({@code java -jar existing-app.jar}): the migrate Job migrates
 * before JPA validates the schema and exits without running any of the application's work, and the application
 * started afterwards validates and runs all of it.
 */
class MigrateJobIT extends ExistingAppDatabases {

    private static final PackagedJar JAR = new PackagedJar(ExistingApp.JAR);

    @TempDir
    Path dir;

    @Test
    void migratesAnEmptySchemaAndExitsZeroWithoutRunningTheApplication() {
        ExistingApp app = new ExistingApp(JAR, Map.of(), db, audit, dir);

        PackagedJar.Run job = app.job();

        assertThat(job.exitCode()).as(job.output()).isZero();
        assertThat(job.output()).contains("MSR migrate succeeded: 1 migration(s) run")
                .doesNotContain("Tomcat").doesNotContain("Started ExistingApplication")
                .as("the shutdown hooks finished; the watchdog did not halt").doesNotContain("halting");
        assertThat(app.greetings()).containsExactly("hello");
        assertThat(app.markers()).as("no listener, runner, scheduled job or SmartInitializingSingleton ran").isEmpty();
        audit.assertUntouchedByMsr();
    }

    @Test
    void aFailingMigrationExitsThreeAndRunsNothingOfTheApplication() throws IOException {
        ExistingApp app = new ExistingApp(JAR, Map.of(), db, audit, dir);
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(extra.resolve("V2_broken.up.sql"), "select * from no_such_table;\n");

        PackagedJar.Run job = app.job("--msr.locations=classpath:db/msr,filesystem:" + extra);

        assertThat(job.exitCode()).as(job.output()).isEqualTo(3);
        assertThat(job.output()).contains("V2_broken.up.sql").contains("no_such_table").doesNotContain("Tomcat");
        assertThat(app.markers()).isEmpty();
    }

    @Test
    void theApplicationStartedAfterTheJobValidatesTheSchemaAndRunsItsStartupWorkOnBothDatabases() {
        ExistingApp app = new ExistingApp(JAR, Map.of(), db, audit, dir);
        PackagedJar.Run job = app.job();
        assertThat(job.exitCode()).as(job.output()).isZero();

        PackagedJar.Started started = app.start();
        try {
            assertThat(app.markers()).contains("application-ready", "command-line-runner", "context-refreshed-1",
                    "smart-initializing-singleton-1", "audit-database-" + audit.name());
            assertThat(started.output()).contains("Tomcat started on port");
        } finally {
            started.stop();
        }
        audit.assertUntouchedByMsr();
    }
}
