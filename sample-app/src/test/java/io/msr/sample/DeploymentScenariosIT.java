package io.msr.sample;

import io.msr.test.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment guide's patterns, played with real processes of the packaged sample app against a real
 * PostgreSQL: exit codes, HTTP answers and the history table.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeploymentScenariosIT {

    private static final Duration REFRESH = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static long count(Cluster cluster, String sql) {
        return cluster.db.queryForObject(sql, Long.class);
    }

    @Test
    void jobThenReplicas() throws Exception {
        try (Cluster cluster = new Cluster()) {
            PackagedJar.Run first = cluster.runJob();
            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(first.output()).contains("MSR migrate succeeded: 5 migration(s) run");
            PackagedJar.Run again = cluster.runJob();
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("nothing to migrate").contains("0 migration(s) run");

            for (int i = 0; i < 3; i++) {
                int port = cluster.replica();
                assertThat(Cluster.awaitStatus(port, "/actuator/health/readiness", 200, REFRESH).statusCode()).isEqualTo(200);
                assertThat(Cluster.get(port, "/api/notes").body()).contains("welcome-to-msr");
            }
            assertThat(cluster.replicaOutput()).doesNotContain(Cluster.APP_PASSWORD);
            assertThat(first.output() + again.output()).doesNotContain(Cluster.MIGRATION_PASSWORD);
            assertThat(cluster.db.queryForStrings("select distinct installed_by from msr_schema_history"))
                    .containsExactly(cluster.migrationUser());
        }
    }

    @Test
    void initContainersRacing() {
        try (Cluster cluster = new Cluster()) {
            List<PackagedJar.Started> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                jobs.add(cluster.job());
            }
            for (PackagedJar.Started job : jobs) {
                PackagedJar.Run run = job.await(Duration.ofMinutes(2));
                assertThat(run.exitCode()).as(run.output()).isZero();
            }
            assertThat(count(cluster, "select count(*) from msr_schema_history where operation = 'UP'")).isEqualTo(5);
            assertThat(count(cluster, "select count(distinct version) from msr_schema_history")).isEqualTo(5);
            assertThat(count(cluster, "select count(*) from notes")).isEqualTo(1);
        }
    }

    @Test
    void readinessGatesTrafficUntilTheJobHasRun() throws Exception {
        try (Cluster cluster = new Cluster()) {
            int first = cluster.replica();
            int second = cluster.replica();
            for (int port : new int[] {first, second}) {
                HttpResponse<String> readiness = Cluster.get(port, "/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"pending\":5");
                assertThat(Cluster.get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            }
            assertThat(cluster.runJob().exitCode()).isZero();
            for (int port : new int[] {first, second}) {
                assertThat(Cluster.awaitStatus(port, "/actuator/health/readiness", 200, REFRESH).statusCode())
                        .isEqualTo(200);
            }
            assertThat(cluster.replicasAlive()).as("no replica was restarted").isTrue();
        }
    }

    @Test
    void theOldVersionStaysReadyAfterTheNewJobMigratedAhead() throws Exception {
        try (Cluster cluster = new Cluster()) {
            Path oldMigrations = migrationsExcept("V202601180900");
            assertThat(cluster.runJob("--msr.locations=filesystem:" + oldMigrations).exitCode()).isZero();
            int old = cluster.replica("--msr.locations=filesystem:" + oldMigrations);
            assertThat(Cluster.awaitStatus(old, "/actuator/health/readiness", 200, REFRESH).statusCode()).isEqualTo(200);

            PackagedJar.Run newJob = cluster.runJob();
            assertThat(newJob.exitCode()).as(newJob.output()).isZero();
            assertThat(newJob.output()).contains("1 migration(s) run");

            Thread.sleep(1500);
            HttpResponse<String> readiness = Cluster.get(old, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"schemaAhead\":true");
        }
    }

    @Test
    void aFailingJobLeavesTheSchemaAndTheRunningReplicasAlone() throws Exception {
        try (Cluster cluster = new Cluster()) {
            assertThat(cluster.runJob().exitCode()).isZero();
            int old = cluster.replica();
            assertThat(Cluster.awaitStatus(old, "/actuator/health/readiness", 200, REFRESH).statusCode()).isEqualTo(200);
            List<String> schemaBefore = cluster.db.queryForStrings(
                    "select table_name || '.' || column_name from information_schema.columns where table_schema = 'public'"
                            + " order by 1");

            Path broken = Files.createDirectories(dir.resolve("broken"));
            Files.writeString(broken.resolve("V202602010900_add_rating.up.sql"),
                    "alter table notes add column rating int;\nupdate notes set rating = 'five';\n");
            Path termination = Files.createFile(dir.resolve("termination-log"));
            PackagedJar.Run failed = cluster.runJob("--msr.locations=classpath:db/msr,filesystem:" + broken,
                    "--msr.termination-message-path=" + termination);

            assertThat(failed.exitCode()).as(failed.output()).isEqualTo(3);
            assertThat(failed.output()).contains("V202602010900 (V202602010900_add_rating.up.sql, line 2)");
            assertThat(Files.readString(termination)).contains("\"exitCode\":3").contains("\"line\":2")
                    .contains("\"sqlState\":\"22P02\"");
            assertThat(cluster.db.queryForStrings("select table_name || '.' || column_name from information_schema.columns"
                    + " where table_schema = 'public' order by 1")).isEqualTo(schemaBefore);
            Thread.sleep(1500);
            assertThat(Cluster.get(old, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(failed.output() + Files.readString(termination) + cluster.replicaOutput())
                    .doesNotContain(Cluster.MIGRATION_PASSWORD).doesNotContain(Cluster.APP_PASSWORD);
        }
    }

    @Test
    void composeOrderDatabaseThenMigrationsThenApp() throws Exception {
        try (Cluster cluster = new Cluster()) {
            // db: service_healthy is the cluster being up; migrations: service_completed_successfully gates the app.
            PackagedJar.Run migrations = cluster.runJob();
            assertThat(migrations.exitCode()).as(migrations.output()).isZero();
            int app = cluster.replica();
            assertThat(Cluster.awaitStatus(app, "/actuator/health/readiness", 200, REFRESH).statusCode()).isEqualTo(200);
            HttpResponse<String> created = Cluster.post(app, "/api/notes",
                    "{\"authorId\":1,\"title\":\"Written by app_user\",\"body\":\"DML only\",\"tags\":[\"compose\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).contains("written-by-app-user");
        }
    }

    /** Copies the sample app's SQL migrations out of its jar, leaving out those starting with a prefix. */
    private Path migrationsExcept(String prefix) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("old-migrations"));
        try (JarFile jar = new JarFile(System.getProperty("sample.app.jar"))) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.startsWith("BOOT-INF/classes/db/msr/") && name.endsWith(".sql")) {
                    String file = name.substring(name.lastIndexOf('/') + 1);
                    if (!file.startsWith(prefix)) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, folder.resolve(file));
                        }
                    }
                }
            }
        }
        return folder;
    }
}
