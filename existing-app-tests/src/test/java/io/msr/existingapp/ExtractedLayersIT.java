package io.msr.existingapp;

import io.msr.test.PackagedJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrate Job from the layout docker/Dockerfile runs: the jar extracted with Spring Boot's jarmode tools, the
 * application's own jar started with its libraries beside it, without Spring Boot's launcher.
 */
class ExtractedLayersIT extends ExistingAppDatabases {

    private static PackagedJar extracted;

    @TempDir
    static Path extractedDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void extractAndCreateDatabase() throws Exception {
        Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", ExistingApp.JAR.toString(), "extract", "--destination",
                extractedDir.resolve("app").toString()).inheritIO().start();
        assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).isZero();
        extracted = new PackagedJar(extractedDir.resolve("app").resolve(ExistingApp.JAR.getFileName()));
    }

    @Test
    void migratesAndExitsZeroWithoutRunningTheApplication() {
        ExistingApp app = new ExistingApp(extracted, Map.of(), db, audit, dir);

        PackagedJar.Run job = app.job();

        assertThat(job.exitCode()).as(job.output()).isZero();
        assertThat(job.output()).contains("MSR migrate succeeded").doesNotContain("Tomcat");
        assertThat(app.greetings()).containsExactly("hello");
        assertThat(app.markers()).isEmpty();
        audit.assertUntouchedByMsr();
    }

    @Test
    void aFailedMigrateOnStartExitsWithItsCodeWithoutSpringBootsLauncher() throws Exception {
        // Without the application's non-daemon thread the JVM would end on its own with 1, racing MSR's exit.
        ExistingApp app = new ExistingApp(extracted, Map.of("JAVA_TOOL_OPTIONS", "-Dapp.background-thread=false"),
                db, audit, dir);
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(extra.resolve("V2_broken.up.sql"), "select * from no_such_table;\n");

        PackagedJar.Run run = app.run("migrate-on-start", "--msr.locations=classpath:db/msr,filesystem:" + extra);

        assertThat(run.exitCode()).as("StartupFailureExit armed: the code is the migration's, not the JVM's 1; "
                + run.output()).isEqualTo(3);
        assertThat(app.markers()).isEmpty();
    }
}
