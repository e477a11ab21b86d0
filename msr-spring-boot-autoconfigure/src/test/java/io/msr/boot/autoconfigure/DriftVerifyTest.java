package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.observation.MsrMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msr.DriftSettings;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.boot.autoconfigure.endpoint.MsrEndpoint;
import io.msr.boot.autoconfigure.verify.MsrHealthIndicator;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify mode's drift check against PostgreSQL: the {@code msr.schema.drift} gauge, the {@code drift} health detail
 * and endpoint field, readiness left alone unless {@code msr.verify.fail-on-drift=true}.
 */
@WithPostgres
class DriftVerifyTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private String schema;
    private ApplicationContextRunner runner;

    DriftVerifyTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        schema = db.freshSchema().name();
        Files.writeString(dir.resolve("V1_t.up.sql"), "create table " + schema + ".t (id int primary key);");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class,
                        MsrActuatorAutoConfiguration.class, MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema,
                        "msr.locations=filesystem:" + dir, "msr.verify.drift-check-interval=0s",
                        "spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=msr");
    }

    private void migrateFromAnotherProcess(boolean recordFingerprint) {
        Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().schema(schema).locations("filesystem:" + dir)
                        .drift(new DriftSettings(recordFingerprint, List.of(), false)).build())
                .build().migrate();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> drift(Health health) {
        return (Map<String, Object>) health.getDetails().get("drift");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsDriftInTheGaugeHealthAndEndpointWhileStayingReady() {
        migrateFromAnotherProcess(true);
        runner.run(context -> {
            MsrHealthIndicator health = context.getBean(MsrHealthIndicator.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(meters.get(MsrMeters.SCHEMA_DRIFT).gauge().value()).isZero();
            assertThat(drift(health.health())).containsEntry("status", "NO_DRIFT").containsEntry("differences", 0)
                    .containsEntry("fingerprintVersion", "1");

            db.execute("alter table " + schema + ".t add column note text");
            context.getBean(SchemaMonitor.class).refresh();

            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(meters.get(MsrMeters.SCHEMA_DRIFT).gauge().value()).isEqualTo(1.0);
            assertThat(drift(health.health())).containsEntry("status", "DRIFT").containsEntry("differences", 1)
                    .containsEntry("objects", List.of("ADDED column " + schema + ".t.note: text"));
            Map<String, Object> endpoint = context.getBean(MsrEndpoint.class).schema();
            assertThat((Map<String, Object>) endpoint.get("drift")).containsEntry("differences", 1);
        });
    }

    @Test
    void failOnDriftTakesTheSchemaDownNamingTheDrift() {
        migrateFromAnotherProcess(true);
        db.execute("alter table " + schema + ".t add column note text");
        runner.withPropertyValues("msr.verify.fail-on-drift=true").run(context -> {
            Health health = context.getBean(MsrHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("reason").toString())
                    .startsWith("Schema drift (msr.verify.fail-on-drift=true): 1 difference(s) from the fingerprint of V1")
                    .contains("ADDED column " + schema + ".t.note");
        });
    }

    @Test
    void withoutAFingerprintTheGaugeIsNaNAndHealthSaysWhy() {
        migrateFromAnotherProcess(false);
        runner.run(context -> {
            Health health = context.getBean(MsrHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(drift(health)).containsEntry("status", "NO_FINGERPRINT");
            assertThat(drift(health).get("message").toString()).contains("msr.drift.record=true");
            assertThat(context.getBean(MeterRegistry.class).get(MsrMeters.SCHEMA_DRIFT).gauge().value()).isNaN();
        });
    }

    @Test
    void withDriftDetectionOffNothingIsCheckedOrRecorded() {
        runner.withPropertyValues("msr.mode=migrate-on-start", "msr.drift.enabled=false")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.queryForObject("select to_regclass('" + schema + ".msr_schema_history_fingerprint') is null",
                Boolean.class)).isTrue();
        runner.withPropertyValues("msr.drift.enabled=false").run(context -> {
            assertThat(context.getBean(MsrHealthIndicator.class).health().getDetails()).doesNotContainKey("drift");
            assertThat(context.getBean(MeterRegistry.class).get(MsrMeters.SCHEMA_DRIFT).gauge().value()).isNaN();
        });
    }
}
