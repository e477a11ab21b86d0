package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift detection as operators run it: the migrate Job records the fingerprint, someone alters a table by hand, the
 * daily {@code msr.mode=drift} Job exits 9 naming the object, and a verify-mode replica reports the drift through the
 * {@code msr.schema.drift} gauge ({@code /actuator/metrics}; the app has no Prometheus registry) and its health details
 * while it stays ready.
 */
@WithPostgres
class DriftIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));
    private static final Pattern GAUGE_VALUE = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([^}]+)}");

    @TempDir
    Path dir;

    private final TestDatabase db;

    DriftIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aChangeMadeByHandFailsTheDriftJobWithNineAndShowsOnAReadyReplica() throws Exception {
        String schema = db.freshSchema().name();
        List<String> common = new ArrayList<>(MigrateJobIT.database(db));
        common.addAll(List.of("--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema));

        PackagedJar.Run migrate = APP.run(Map.of(), with(common, "--msr.mode=migrate"));
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(db.queryForStrings("select version from " + schema + ".msr_schema_history_fingerprint"))
                .containsExactly("2");

        db.execute("alter table " + schema + ".greeting add column shouted_by text");

        Path summary = dir.resolve("drift.json");
        PackagedJar.Run drift = APP.run(Map.of("MSR_MODE", "drift"), with(common, "--msr.summary-path=" + summary));
        assertThat(drift.exitCode()).as(drift.output()).isEqualTo(9);
        assertThat(drift.output()).contains("ADDED    column " + schema + ".greeting.shouted_by: text")
                .contains("MSR drift FOUND (exit code 9)").doesNotContain("Tomcat");
        assertThat(Files.readString(summary)).contains("\"status\":\"DRIFT\"").contains("\"exitCode\":9")
                .contains("\"object\":\"column " + schema + ".greeting.shouted_by\"").contains("\"kind\":\"ADDED\"");

        int port = Http.freePort();
        PackagedJar.Started replica = APP.start(Map.of(), with(common, "--server.port=" + port,
                "--msr.verify.refresh-interval=300ms", "--management.endpoints.web.exposure.include=health,metrics"));
        try {
            String base = "http://localhost:" + port;
            HttpResponse<String> ready = Http.waitForAnswer(base + "/actuator/health/readiness", replica);
            ready = Http.until(base + "/actuator/health/readiness", response -> response.statusCode() == 200);
            assertThat(ready.statusCode()).as(ready.body() + replica.output()).isEqualTo(200);

            HttpResponse<String> metric = Http.get(base + "/actuator/metrics/msr.schema.drift");
            Matcher gauge = GAUGE_VALUE.matcher(metric.body());
            assertThat(gauge.find()).as(metric.body()).isTrue();
            assertThat(Double.parseDouble(gauge.group(1))).isEqualTo(1.0);

            String health = Http.get(base + "/actuator/health").body();
            assertThat(health).contains("\"drift\":{\"status\":\"DRIFT\",\"differences\":1")
                    .contains("ADDED column " + schema + ".greeting.shouted_by: text");
            assertThat(replica.output()).contains("MSR drift check: Drift: 1 difference(s)");
        } finally {
            replica.stop();
        }
    }

    private static List<String> with(List<String> common, String... extra) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(extra));
        return args;
    }
}
