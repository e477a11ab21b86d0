package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.observation.MsrMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msr.InfoResult;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.MultiSchemaSettings;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.boot.autoconfigure.verify.MsrHealthIndicator;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.boot.autoconfigure.verify.SchemaState;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * msr.schemas, msr.parallelism, msr.continue-on-error, msr.shard.* and an MsrSchemaSource bean: the one-shot modes run
 * over the schemas and exit with the most severe code; verify mode is ready only when every schema is current.
 */
@WithPostgres
class ManySchemasModeTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private List<String> schemas;
    private ApplicationContextRunner runner;

    ManySchemasModeTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        String prefix = "m" + Long.toHexString(System.nanoTime() & 0xffffffL) + "_";
        schemas = List.of(prefix + "a", prefix + "b", prefix + "c");
        Files.writeString(dir.resolve("V1_t.up.sql"), "create table t (id int, tenant text default '${msr:schema}');");
        Files.writeString(dir.resolve("V2_row.up.sql"), "insert into t (id) values (1);");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class,
                        MsrActuatorAutoConfiguration.class, MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.locations=filesystem:" + dir,
                        "msr.termination-message-path=" + dir.resolve("none"));
    }

    @Test
    void migrateModeRunsOverTheSchemasAndReportsEach() throws Exception {
        runner.withPropertyValues("msr.mode=migrate", "msr.schemas=" + String.join(",", schemas), "msr.parallelism=2",
                "msr.summary-path=" + dir.resolve("summary.json")).run(context -> {
            assertThat(context).hasNotFailed();
            OneShotResult result = context.getBean(OneShotResult.class);
            assertThat(result.exitCode()).isZero();
            SchemasResult<?> all = result.result(SchemasResult.class);
            assertThat(all.schemas()).extracting(SchemaOutcome::schema).containsExactlyElementsOf(schemas);
            assertThat(all.executedMigrations()).isEqualTo(6);
        });
        for (String schema : schemas) {
            assertThat(db.queryForObject("select tenant from " + schema + ".t", String.class)).isEqualTo(schema);
        }
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"counts\"").contains(schemas.get(2));
    }

    @Test
    void oneFailingSchemaFailsTheRunWithItsExitCodeAndTheOthersAreMigrated() throws Exception {
        Files.writeString(dir.resolve("V3_fails.up.sql"), "do $$ begin if current_schema() = '" + schemas.get(1)
                + "' then raise exception 'broken tenant'; end if; end $$;");
        runner.withPropertyValues("msr.mode=migrate", "msr.schemas=" + String.join(",", schemas),
                "msr.continue-on-error=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("exit code 3");
        });
        assertThat(db.queryForObject("select count(*) from " + schemas.get(2) + ".msr_schema_history where success",
                Long.class)).isEqualTo(3L);
        assertThat(db.queryForObject("select count(*) from " + schemas.get(1) + ".msr_schema_history where success",
                Long.class)).isEqualTo(2L);
    }

    @Test
    void verifyModeIsReadyOnlyWhenEverySchemaIsCurrent() {
        Msr engine = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().locations("filesystem:" + dir).build()).build();
        engine.forSchema(schemas.get(0)).migrate();
        engine.forSchema(schemas.get(1)).migrate();
        runner.withPropertyValues("msr.schemas=" + String.join(",", schemas)).run(context -> {
            assertThat(context).hasNotFailed();
            SchemaMonitor monitor = context.getBean(SchemaMonitor.class);
            MsrHealthIndicator health = context.getBean(MsrHealthIndicator.class);
            assertThat(monitor.current().status()).isEqualTo(SchemaState.Status.OUT_OF_SERVICE);
            assertThat(monitor.current().reason()).contains("1 of 3 schema(s) behind").contains(schemas.get(2));
            Health unready = health.health();
            assertThat(unready.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) unready.getDetails().get("schemas");
            assertThat(counts).containsEntry("total", 3).containsEntry("ready", 2).containsEntry("behind", 1);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(MsrMeters.SCHEMAS).tag(MsrMeters.STATE_TAG, "behind").gauge().value()).isEqualTo(1);
            assertThat(meters.get(MsrMeters.MIGRATIONS_PENDING).tag(MsrMeters.PHASE_TAG, "pre-deploy").gauge().value())
                    .isEqualTo(2);

            engine.forSchema(schemas.get(2)).migrate();

            assertThat(monitor.refresh().status()).isEqualTo(SchemaState.Status.UP);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(meters.get(MsrMeters.SCHEMAS).tag(MsrMeters.STATE_TAG, "ready").gauge().value()).isEqualTo(3);
            assertThat(meters.get(MsrMeters.SCHEMA_VERSION).gauge().value()).isEqualTo(2);
        });
    }

    @Test
    void aSchemaSourceBeanListsTheSchemas() {
        String tenants = "tenants_" + schemas.get(0);
        db.execute("create table public." + tenants + " (name text)");
        for (String schema : schemas) {
            db.execute("insert into public." + tenants + " values ('" + schema + "')");
        }
        MsrSchemaSource source = connection -> {
            List<String> names = new ArrayList<>();
            try (var rows = connection.createStatement().executeQuery("select name from public." + tenants
                    + " order by name")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        };
        runner.withBean(MsrSchemaSource.class, () -> source).withPropertyValues("msr.mode=info").run(context -> {
            assertThat(context).hasNotFailed();
            SchemasResult<?> info = context.getBean(OneShotResult.class).result(SchemasResult.class);
            assertThat(info.schemas()).extracting(SchemaOutcome::schema).containsExactlyElementsOf(schemas);
            assertThat(info.behind()).hasSize(3);
            assertThat(info.schemas().get(0).result()).isInstanceOf(InfoResult.class);
        });
    }

    @Test
    void propertiesReachTheEngineAndTheShardIndexDefaultsFromTheIndexedJob() {
        MsrProperties properties = new MsrProperties();
        properties.setSchemas(List.of("a", "b"));
        properties.setParallelism(4);
        properties.setContinueOnError(true);
        properties.getShard().setIndex(1);
        properties.getShard().setCount(3);
        assertThat(SettingsFromProperties.toSettings(properties).multiSchema())
                .isEqualTo(new MultiSchemaSettings(List.of("a", "b"), 4, true, 1, 3));

        MockEnvironment environment = new MockEnvironment().withProperty("msr.mode", "migrate")
                .withProperty("JOB_COMPLETION_INDEX", "2");
        new MsrEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("msr.shard.index")).isEqualTo("2");
        MockEnvironment explicit = new MockEnvironment().withProperty("JOB_COMPLETION_INDEX", "2")
                .withProperty("msr.shard.index", "0");
        new MsrEnvironmentPostProcessor().postProcessEnvironment(explicit, new SpringApplication());
        assertThat(explicit.getProperty("msr.shard.index")).isEqualTo("0");
    }

    @Test
    void aShardIndexOutsideTheCountFailsStartupNamingTheProperty() {
        runner.withPropertyValues("msr.mode=migrate", "msr.schemas=a,b", "msr.shard.count=2", "msr.shard.index=2")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("msr.shard.index is 2"));
    }
}
