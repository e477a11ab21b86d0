package io.msr.processtest;

import io.msr.LockStatus;
import io.msr.Msr;
import io.msr.MsrSettings;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span tree of a migrate Job, as a tracer would export it: the packaged app writes each stopped observation to a
 * file ({@code test.observations.file}, {@link ObservationFile}), one JSON line each, in the order they stopped.
 */
@WithPostgres
class ObservationsIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    @TempDir
    Path dir;

    private final TestDatabase db;
    private String schema;

    ObservationsIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
    }

    @Test
    void aMigrateJobIsOneOperationWithTheLockWaitAndEachMigrationBelowIt() throws IOException {
        PackagedJar.Run run = migrate();
        assertThat(run.exitCode()).as(run.output()).isZero();

        List<String> spans = spans();
        assertThat(spans).hasSize(4);
        assertThat(spans.get(0)).contains("\"name\":\"msr.lock.acquire\"", "\"contextualName\":\"msr lock wait\"",
                "\"parent\":\"msr.operation\"", "\"outcome\":\"success\"", "\"lock.key\":", schema, "\"error\":null");
        assertThat(spans.get(1)).contains("\"name\":\"msr.migration\"", "\"contextualName\":\"msr migration up\"",
                "\"parent\":\"msr.operation\"", "\"operation\":\"migrate\"", "\"outcome\":\"success\"",
                "\"type\":\"sql\"", "\"direction\":\"up\"", "\"phase\":\"pre-deploy\"", "\"version\":\"1\"",
                "\"script\":\"V1_create_greeting.up.sql\"", "\"description\":\"create greeting\"");
        assertThat(spans.get(2)).contains("\"name\":\"msr.migration\"", "\"parent\":\"msr.operation\"",
                "\"type\":\"java\"", "\"version\":\"2\"", "\"outcome\":\"success\"");
        assertThat(spans.get(3)).contains("\"name\":\"msr.operation\"", "\"contextualName\":\"msr migrate\"",
                "\"parent\":null", "\"operation\":\"migrate\"", "\"outcome\":\"success\"", "\"error\":null");
        assertThat(String.join("\n", spans)).as("versions are never low-cardinality keys")
                .doesNotContainPattern("\"low\":\\{[^}]*\"version\"");
    }

    @Test
    void aLockTimeoutEndsTheLockWaitWithTheErrorAndRunsNoMigration() throws Exception {
        Msr msr = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().schema(schema).build()).build();
        LockStatus free = msr.lockStatus();
        String[] key = free.key().substring(0, free.key().indexOf(' ')).split(":");
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            statement.execute("select pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
            PackagedJar.Run run = migrate("--msr.lock.wait-timeout=1s");
            assertThat(run.exitCode()).as(run.output()).isEqualTo(8);
        }
        List<String> spans = spans();
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0)).contains("\"name\":\"msr.lock.acquire\"", "\"parent\":\"msr.operation\"",
                "\"outcome\":\"failure\"", "\"error\":\"LockTimeoutException\"");
        assertThat(spans.get(1)).contains("\"name\":\"msr.operation\"", "\"outcome\":\"failure\"",
                "\"error\":\"LockTimeoutException\"");
    }

    private PackagedJar.Run migrate(String... extra) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=migrate", "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--test.observations.file=" + dir.resolve("observations.jsonl")));
        args.addAll(List.of(extra));
        return APP.run(Map.of(), args);
    }

    private List<String> spans() throws IOException {
        return Files.readAllLines(dir.resolve("observations.jsonl"));
    }
}
