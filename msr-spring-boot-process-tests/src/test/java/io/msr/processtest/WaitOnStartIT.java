package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verify-mode replica of an application that needs the new schema to start ({@code msr.verify.wait-on-start}):
 * its startup waits while the migrate Job runs in another process and completes once the schema is current; when
 * the Job never comes, startup fails with a message naming the pending migrations and the property.
 */
@WithPostgres
class WaitOnStartIT {


    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    private final TestDatabase db;

    WaitOnStartIT(TestDatabase db) {
        this.db = db;
    }

    private List<String> common(String schema) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema));
        return args;
    }

    @Test
    void startupWaitsForTheMigrateJobAndCompletesOnceTheSchemaIsCurrent() throws Exception {
        String schema = db.freshSchema().name();
        int port = Http.freePort();
        List<String> app = new ArrayList<>(common(schema));
        app.addAll(List.of("--server.port=" + port, "--msr.verify.wait-on-start=90s"));
        PackagedJar.Started replica = APP.start(Map.of(), app);
        try {
            awaitOutput(replica, "MSR is waiting for the schema", Duration.ofSeconds(60));
            Thread.sleep(1_500);
            assertThat(replica.process().isAlive()).as(replica.output()).isTrue();
            assertThat(replica.output()).contains("V1 V1_create_greeting.up.sql")
                    .doesNotContain("Started ProcessTestApplication");
            assertThat(answers("http://localhost:" + port + "/actuator/health/liveness")).isFalse();

            List<String> job = new ArrayList<>(common(schema));
            job.add("--msr.mode=migrate");
            PackagedJar.Run migrate = APP.run(Map.of(), job);
            assertThat(migrate.exitCode()).as(migrate.output()).isZero();

            awaitOutput(replica, "Started ProcessTestApplication", Duration.ofSeconds(60));
            HttpResponse<String> ready = Http.get("http://localhost:" + port + "/actuator/health/readiness");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            String output = replica.output();
            assertThat(output.indexOf("MSR finished waiting")).as(output)
                    .isPositive().isLessThan(output.indexOf("Started ProcessTestApplication"));
        } finally {
            replica.stop();
        }
    }

    @Test
    void startupFailsNamingThePendingMigrationsAndThePropertyWhenTheJobNeverComes() {
        String schema = db.freshSchema().name();
        List<String> app = new ArrayList<>(common(schema));
        app.addAll(List.of("--server.port=0", "--msr.verify.wait-on-start=3s"));
        PackagedJar.Run run = APP.start(Map.of(), app).await(Duration.ofSeconds(90));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("msr.verify.wait-on-start=3s").contains("2 migration(s) pending")
                .contains("V1 V1_create_greeting.up.sql").contains("V2").contains("MSR_VERIFY_WAIT_ON_START")
                .doesNotContain("Started ProcessTestApplication");
        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'",
                Long.class)).as("verify mode never writes").isZero();
    }

    private static void awaitOutput(PackagedJar.Started started, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!started.output().contains(text)) {
            if (!started.process().isAlive()) {
                throw new AssertionError("The app exited with " + started.process().exitValue() + " before '"
                        + text + "':\n" + started.output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No '" + text + "' within " + timeout + ":\n" + started.output());
            }
            Thread.sleep(100);
        }
    }

    private static boolean answers(String url) throws InterruptedException {
        try {
            Http.get(url);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
