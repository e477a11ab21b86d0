package io.msr.processtest;

import io.msr.test.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code msr.mode=check} from the packaged application, with a DataSource configured that no database answers: the
 * check needs none and never connects, so it exits 0 on a clean folder and 2 naming file and line on a bad one.
 */
class CheckModeIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    @TempDir
    Path dir;

    private PackagedJar.Run check(Path migrations, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--msr.mode=check",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                "--spring.datasource.hikari.initialization-fail-timeout=0",
                "--msr.locations=filesystem:" + migrations, "--msr.summary-path=" + dir.resolve("summary.json")));
        args.addAll(List.of(extra));
        return APP.run(Map.of(), args);
    }

    @Test
    void aCleanFolderPassesWithNoDatabaseReachable() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("clean"));
        Files.writeString(migrations.resolve("V1_create_notes.up.sql"), "create table notes (id int primary key);\n");
        Files.writeString(migrations.resolve("V1_create_notes.down.sql"), "drop table notes;\n");

        PackagedJar.Run run = check(migrations);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("MSR check passed: 0 errors, 0 warnings in 1 migrations.")
                .doesNotContain("Connection refused", "HikariPool");
        assertThat(Files.readString(dir.resolve("summary.json"))).startsWith("{\"passed\":true,");
    }

    @Test
    void errorsExitWithTwoNamingFileAndLine() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(migrations.resolve("V1_create_notes.up.sql"), "create table notes (id int, body text);\n");
        Files.writeString(migrations.resolve("V2_body_required.up.sql"),
                "-- the body is required from now on\nalter table notes alter column body set not null;\n");
        Files.writeString(migrations.resolve("V3 add index.up.sql"), "create index on notes (id);\n");

        PackagedJar.Run run = check(migrations, "--msr.strict=true");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output())
                .contains("ERROR LINT_SET_NOT_NULL " + migrations.resolve("V2_body_required.up.sql") + ":2: ")
                .contains("ERROR MALFORMED_NAME " + migrations.resolve("V3 add index.up.sql"))
                .contains("MSR check failed: 2 errors")
                .doesNotContain("Connection refused", "HikariPool");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"code\":\"LINT_SET_NOT_NULL\"", "\"line\":2");
    }
}
