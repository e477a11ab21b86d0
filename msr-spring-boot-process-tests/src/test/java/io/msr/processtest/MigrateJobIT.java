package io.msr.processtest;

import io.msr.LockStatus;
import io.msr.Msr;
import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrate Job as Kubernetes runs it: {@code java -jar app.jar --msr.mode=migrate}, judged by exit code,
 * output, summary file and database state.
 */
@WithPostgres
class MigrateJobIT {

    @TempDir
    Path dir;

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    private final TestDatabase db;
    private String schema;

    MigrateJobIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
    }

    static List<String> database(TestDatabase db) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username()));
        if (!db.password().isEmpty()) {
            args.add("--spring.datasource.password=" + db.password());
        }
        return args;
    }

    private PackagedJar.Run migrate(String... extra) {
        return run("migrate", extra);
    }

    private PackagedJar.Run run(String mode, String... extra) {
        List<String> args = new ArrayList<>(database(db));
        args.addAll(List.of("--msr.mode=" + mode, "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--test.markers=" + dir.resolve("markers"), "--msr.summary-path=" + dir.resolve("summary.json")));
        args.addAll(List.of(extra));
        return APP.run(Map.of(), args);
    }

    private String summary() throws IOException {
        return Files.readString(dir.resolve("summary.json"));
    }

    private Path extraLocation(String file, String sql) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(folder.resolve(file), sql);
        return folder;
    }

    @Test
    void migratesAndExitsZeroWithoutRunningTheApplication() throws IOException {
        PackagedJar.Run run = migrate();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("MSR migrate succeeded: 2 migration(s) run").doesNotContain("Tomcat");
        assertThat(db.queryForStrings("select text from " + schema + ".greeting")).containsExactly("hello from a Spring bean");
        assertThat(summary()).contains("\"success\":true").contains("\"exitCode\":0").contains("\"schemaVersionAfter\":2");
        Path markers = dir.resolve("markers");
        try (Stream<Path> found = Files.exists(markers) ? Files.list(markers) : Stream.empty()) {
            assertThat(found.map(path -> path.getFileName().toString()))
                    .as("no runner, scheduled job, listener container or eager bean ran").isEmpty();
        }
    }

    @Test
    void exitsZeroWhenThereIsNothingToDo() throws IOException {
        assertThat(migrate().exitCode()).isZero();
        PackagedJar.Run again = migrate();
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("0 migration(s) run, schema version V2 -> V2");
        assertThat(summary()).contains("\"executed\":[]");
    }

    @Test
    void exitsTwoOnAValidationErrorNamingTheFile() throws IOException {
        Path extra = extraLocation("V3__flyway_style.sql", "select 1;");
        PackagedJar.Run run = migrate("--msr.locations=classpath:db/msr,filesystem:" + extra);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("V3__flyway_style.sql").contains("did you mean V3_flyway_style.up.sql?");
        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'", Long.class))
                .isZero();
        assertThat(summary()).contains("\"exitCode\":2").contains("ValidationException");
    }

    @Test
    void exitsThreeOnASqlErrorWithItsLine() throws IOException {
        Path extra = extraLocation("V3_broken.up.sql", "select 1;\nselect * from no_such_table;\n");
        PackagedJar.Run run = migrate("--msr.locations=classpath:db/msr,filesystem:" + extra);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("V3 (V3_broken.up.sql, line 2)").contains("no_such_table");
        assertThat(summary()).contains("\"line\":2").contains("\"sqlState\":\"42P01\"");
        assertThat(db.queryForStrings("select text from " + schema + ".greeting")).hasSize(1);
    }

    @Test
    void exitsSevenWhenTheDatabaseIsUnreachableWithoutPrintingThePassword() throws IOException {
        PackagedJar.Run run = APP.run(Map.of("DATABASE_URL", "postgres://app:s3cr3t-pa55@127.0.0.1:1/app"),
                List.of("--msr.mode=migrate", "--msr.connect.wait=0", "--msr.summary-path=" + dir.resolve("summary.json")));
        assertThat(run.exitCode()).as(run.output()).isEqualTo(7);
        assertThat(run.output()).contains("Could not connect to jdbc:postgresql://127.0.0.1:1/app")
                .doesNotContain("s3cr3t-pa55");
        assertThat(summary()).contains("\"exitCode\":7").doesNotContain("s3cr3t-pa55");
    }

    @Test
    void exitsEightWhenTheLockIsNotAcquiredInTime() throws Exception {
        Msr msr = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(io.msr.MsrSettings.builder().schema(schema).build()).build();
        LockStatus free = msr.lockStatus();
        String[] key = free.key().substring(0, free.key().indexOf(' ')).split(":");
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            statement.execute("select pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
            PackagedJar.Run run = migrate("--msr.lock.wait-timeout=1s");
            assertThat(run.exitCode()).as(run.output()).isEqualTo(8);
            assertThat(run.output()).contains("Gave up waiting for the migration lock").contains("pid");
        }
    }

    @Test
    void refusesAnUnknownModeListingTheValidValues() {
        PackagedJar.Run run = run("migrat");
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Invalid value 'migrat' for msr.mode")
                .contains("verify, migrate, migrate-on-start, validate, info, down, repair, lock-status, lock-release, backup, restore, baseline, drift, check, none");
    }

    @Test
    void infoPrintsATableAndExitsZero() {
        migrate();
        PackagedJar.Run run = run("info");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("V1").contains("create greeting").contains("APPLIED")
                .contains("Schema version V2, latest local V2, 0 pending");
    }

    @Test
    void takesEverySettingFromEnvironmentVariables() throws IOException {
        String url = "postgres://" + db.username() + (db.password().isEmpty() ? "" : ":" + db.password()) + "@"
                + db.server().host() + ":" + db.server().port() + "/" + db.name();
        PackagedJar.Run run = APP.run(Map.of("MSR_MODE", "migrate", "MSR_SCHEMA", schema,
                "MSR_DATABASE_URL", url, "MSR_LOCK_WAIT_TIMEOUT", "30s", "MSR_SUMMARY_PATH",
                dir.resolve("summary.json").toString(), "MSR_OUTPUT", "json"), List.of());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("{\"operation\":\"MIGRATE\",\"success\":true");
        assertThat(summary()).contains("\"schemaVersionAfter\":2");
    }

    @Test
    void downRefusesToRevertAMigrationWithoutDownAndExitsFour() {
        assertThat(migrate().exitCode()).isZero();
        PackagedJar.Run run = run("down", "--msr.target=0");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
        assertThat(run.output()).contains("Cannot revert V2").contains("override down()");
        assertThat(db.queryForStrings("select text from " + schema + ".greeting")).hasSize(1);
    }

    @Test
    void downWithoutATargetExitsOneNamingTheProperty() {
        PackagedJar.Run run = run("down");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("msr.mode=down needs msr.target");
    }

    @Test
    void lockReleaseNeedsForce() {
        PackagedJar.Run run = run("lock-release");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("msr.force=true");
        PackagedJar.Run status = run("lock-status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains(": free");
    }
}
