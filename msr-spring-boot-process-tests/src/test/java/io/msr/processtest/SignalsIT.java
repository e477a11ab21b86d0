package io.msr.processtest;

import io.msr.Msr;
import io.msr.test.PackagedJar;
import io.msr.test.SessionPeak;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (what Kubernetes sends on pod deletion, node drain or a Job's deadline) during a one-shot run of the
 * packaged jar: the running statement is cancelled, rolled back, the lock freed, the result written, exit code 10
 * within msr.shutdown-timeout. Also: a one-shot run opens the sessions it needs, not the application's pool.
 */
@WithPostgres
class SignalsIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));
    /** msr.shutdown-timeout's default, the bound the exit must come within (plus the JVM's own exit). */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final TestDatabase db;
    private String schema;

    SignalsIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
    }

    private PackagedJar.Started start(Path extra) throws IOException {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        Files.createFile(dir.resolve("termination-log"));
        args.addAll(List.of("--msr.mode=migrate", "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--msr.locations=classpath:db/msr,filesystem:" + extra,
                "--msr.summary-path=" + dir.resolve("summary.json"),
                "--msr.termination-message-path=" + dir.resolve("termination-log")));
        return APP.start(Map.of(), args);
    }

    private Path extra(String file, String sql) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("extra"));
        try (var files = Files.list(folder)) {
            for (Path old : files.toList()) {
                Files.delete(old);
            }
        }
        Files.writeString(folder.resolve(file), sql);
        return folder;
    }

    /** Sends SIGTERM once {@code ready}, returns the run and prints how long the exit took. */
    private PackagedJar.Run terminate(PackagedJar.Started app, BooleanSupplier ready) throws InterruptedException {
        long waitUntil = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!ready.getAsBoolean()) {
            assertThat(app.process().isAlive()).as(app.output()).isTrue();
            assertThat(System.nanoTime()).as("not ready within 120 s:\n" + app.output()).isLessThan(waitUntil);
            Thread.sleep(100);
        }
        long start = System.nanoTime();
        app.process().destroy();
        PackagedJar.Run run = app.await(BOUND.plusSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("SignalsIT: exit code " + run.exitCode() + " " + took.toMillis() + " ms after SIGTERM");
        assertThat(took).as(run.output()).isLessThan(BOUND);
        return run;
    }

    private boolean running(String text) {
        return db.queryForObject("select count(*) from pg_stat_activity where state = 'active' and query like '%"
                + text + "%' and pid <> pg_backend_pid() and datname = current_database()", Long.class) > 0;
    }

    private long advisoryLocks() {
        return db.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and database ="
                + " (select oid from pg_database where datname = current_database())", Long.class);
    }

    @Test
    void sigtermCancelsATransactionalMigrationExitsTenAndTheNextRunAppliesIt() throws Exception {
        Path extra = extra("V3_slow.up.sql", "create table slow_marker (id int);\nselect pg_sleep(60);\n");

        PackagedJar.Run run = terminate(start(extra), () -> running("pg_sleep(60)"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(10);
        assertThat(advisoryLocks()).as("the lock is free at once").isZero();
        assertThat(db.queryForStrings("select version || ':' || success from " + schema + ".msr_schema_history"))
                .as("no row for the interrupted migration").doesNotContain("3:true", "3:false");
        assertThat(db.queryForObject("select count(*) from pg_tables where tablename = 'slow_marker'", Long.class))
                .isZero();
        assertThat(run.output()).contains("Interrupted").contains("V3 (V3_slow.up.sql");
        String summary = Files.readString(dir.resolve("summary.json"));
        assertThat(summary).contains("\"exitCode\":10", "RunInterruptedException", "V3_slow.up.sql", "Interrupted");
        assertThat(Files.readString(dir.resolve("termination-log"))).contains("Interrupted", "V3");

        Files.delete(dir.resolve("termination-log"));
        extra("V3_slow.up.sql", "create table slow_marker (id int);\nselect pg_sleep(0.1);\n");
        PackagedJar.Run again;
        try (SessionPeak peak = SessionPeak.start(db)) {
            again = start(extra).await(Duration.ofMinutes(2));
            peak.close();
            System.out.println("SignalsIT: session peak of a one-shot migrate: " + peak.peak());
            assertThat(peak.peak()).as("the lock session and the migration session, not the pool").isLessThanOrEqualTo(2);
        }
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(db.queryForStrings("select version from " + schema + ".msr_schema_history where success"))
                .contains("3");
    }

    @Test
    void sigtermDuringAMigrationOutsideATransactionRecordsItFailed() throws Exception {
        Path extra = extra("V3_slow.up.sql", "-- msr:transaction=false\nselect pg_sleep(60);\n");

        PackagedJar.Run run = terminate(start(extra), () -> running("pg_sleep(60)"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(10);
        assertThat(advisoryLocks()).isZero();
        assertThat(db.queryForStrings("select version || ':' || success from " + schema + ".msr_schema_history"
                + " where version = '3'")).contains("3:false");
        assertThat(run.output()).contains("Interrupted", "V3 (V3_slow.up.sql", "msr.mode=repair");
    }

    @Test
    void verifyModeShutsDownGracefullyOnSigterm() throws Exception {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=verify", "--msr.schema=" + schema, "--server.port=0"));
        PackagedJar.Started app = APP.start(Map.of(), args);

        PackagedJar.Run run = terminate(app, () -> app.output().contains("Started ProcessTestApplication"));

        // The JVM's own code for SIGTERM (128 + 15): Spring Boot's graceful shutdown ran, nothing hung.
        assertThat(run.exitCode()).as(run.output()).isEqualTo(143);
        assertThat(run.output()).doesNotContain("Exception");
    }

    @Test
    void sigtermWhileWaitingForTheLockExitsPromptlyWithNothingApplied() throws Exception {
        Path extra = extra("V3_fast.up.sql", "select 1;\n");
        String key = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(io.msr.MsrSettings.builder().schema(schema).build()).build().lockStatus().key();
        String[] parts = key.substring(0, key.indexOf(' ')).split(":");
        try (Connection other = db.connect(); Statement hold = other.createStatement()) {
            hold.execute("select pg_advisory_lock(" + parts[0] + ", " + parts[1] + ")");
            PackagedJar.Started app = start(extra);
            PackagedJar.Run run = terminate(app, () -> app.output().contains(parts[1]));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(10);
            assertThat(run.output()).contains("Interrupted", "waiting for the migration lock");
        }
        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'", Long.class))
                .as("nothing applied").isZero();
    }
}
