package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verify-mode replica as Kubernetes probes it: not ready while migrations are pending, ready without a
 * restart once another process (the Job) has migrated, and live throughout.
 */
@WithPostgres
class ReadinessIT {


    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    private final TestDatabase db;

    ReadinessIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void becomesReadyOnceTheJobHasMigratedAndStaysLiveThroughout() throws Exception {
        String schema = db.freshSchema().name();
        int port = Http.freePort();
        List<String> common = new ArrayList<>(MigrateJobIT.database(db));
        common.addAll(List.of("--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema));
        List<String> app = new ArrayList<>(common);
        app.addAll(List.of("--server.port=" + port, "--msr.verify.refresh-interval=300ms"));
        PackagedJar.Started replica = APP.start(Map.of(), app);
        try {
            String base = "http://localhost:" + port;
            HttpResponse<String> liveness = Http.waitForAnswer(base + "/actuator/health/liveness", replica);
            assertThat(liveness.statusCode()).isEqualTo(200);
            HttpResponse<String> pending = Http.get(base + "/actuator/health/readiness");
            assertThat(pending.statusCode()).as(pending.body()).isEqualTo(503);
            assertThat(pending.body()).contains("OUT_OF_SERVICE");

            List<String> job = new ArrayList<>(common);
            job.add("--msr.mode=migrate");
            PackagedJar.Run migrate = APP.run(Map.of(), job);
            assertThat(migrate.exitCode()).as(migrate.output()).isZero();

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            HttpResponse<String> ready = Http.get(base + "/actuator/health/readiness");
            while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
                assertThat(Http.get(base + "/actuator/health/liveness").statusCode()).isEqualTo(200);
                Thread.sleep(100);
                ready = Http.get(base + "/actuator/health/readiness");
            }
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(Http.get(base + "/actuator/health/liveness").body()).doesNotContain("msr");
            assertThat(Http.get(base + "/hello").body()).isEqualTo("hello");
        } finally {
            replica.stop();
        }
    }
}
