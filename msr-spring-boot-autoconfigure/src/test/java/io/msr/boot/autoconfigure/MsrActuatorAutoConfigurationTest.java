package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.observation.MsrMeters;
import io.msr.boot.autoconfigure.observation.MicrometerMigrationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.boot.autoconfigure.endpoint.MsrEndpoint;
import io.msr.boot.autoconfigure.verify.MsrHealthIndicator;
import io.msr.boot.autoconfigure.verify.ReadinessGroupCheck;
import io.msr.boot.autoconfigure.verify.SchemaMetrics;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class MsrActuatorAutoConfigurationTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private String schema;
    private ApplicationContextRunner runner;

    MsrActuatorAutoConfigurationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        schema = db.freshSchema().name();
        Files.writeString(dir.resolve("V1_t.up.sql"), "create table " + schema + ".t (id int);");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class,
                        MsrActuatorAutoConfiguration.class, MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema,
                        "spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=msr",
                        "msr.locations=filesystem:" + dir);
    }

    private void migrateFromAnotherProcess() {
        Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().schema(schema).locations("filesystem:" + dir).build()).build().migrate();
    }

    private static double pending(MeterRegistry meters, String phase) {
        return meters.get(MsrMeters.MIGRATIONS_PENDING).tag(MsrMeters.PHASE_TAG, phase).gauge().value();
    }

    @Test
    void aPendingPostDeployMigrationKeepsTheReplicaReadyAndIsCountedApart() throws Exception {
        migrateFromAnotherProcess();
        Files.writeString(dir.resolve("V2_drop_t.up.sql"), "-- msr:phase=post-deploy\ndrop table " + schema + ".t;");
        runner.run(context -> {
            HealthIndicator health = context.getBean("msrHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("pending", 1).containsEntry("pendingPreDeploy", 0)
                    .containsEntry("pendingPostDeploy", 1);
            assertThat(context.getBean(SchemaMonitor.class).current().reason())
                    .contains("1 post-deploy migration(s) pending, first V2");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(pending(meters, "pre-deploy")).isZero();
            assertThat(pending(meters, "post-deploy")).isEqualTo(1.0);
        });
    }

    @Test
    void reportsPendingAsOutOfServiceThenUpOnceMigrated() {
        runner.run(context -> {
            HealthIndicator health = context.getBean("msrHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.health().getDetails()).containsEntry("pending", 1).containsEntry("schemaVersion", null);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(pending(meters, "pre-deploy")).isEqualTo(1.0);
            assertThat(pending(meters, "post-deploy")).isZero();
            assertThat(meters.get(MsrMeters.SCHEMA_VERSION).gauge().value()).isNaN();

            migrateFromAnotherProcess();
            context.getBean(SchemaMonitor.class).refresh();

            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("schemaVersion", 1L).containsKey("lastApplied");
            assertThat(pending(meters, "pre-deploy")).isZero();
            assertThat(meters.get(MsrMeters.MIGRATIONS_APPLIED).gauge().value()).isEqualTo(1.0);
            assertThat(meters.get(MsrMeters.SCHEMA_VERSION).gauge().value()).isEqualTo(1.0);
            @SuppressWarnings("unchecked")
            var migrations = (java.util.List<Map<String, Object>>) context.getBean(MsrEndpoint.class).schema().get("migrations");
            assertThat(migrations).singleElement().satisfies(row -> assertThat(row).containsEntry("state", "APPLIED"));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthTheEndpointAndTheInfoResultShareOneShape() {
        migrateFromAnotherProcess();
        runner.run(context -> {
            context.getBean(SchemaMonitor.class).refresh();
            Map<String, Object> info = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                    .settings(MsrSettings.builder().schema(schema).locations("filesystem:" + dir).build()).build()
                    .info().toMap();
            Map<String, Object> health = context.getBean(MsrHealthIndicator.class).health().getDetails();
            Map<String, Object> endpoint = context.getBean(MsrEndpoint.class).schema();

            for (String field : List.of("schemaVersion", "latestVersion", "pending", "pendingVersions",
                    "pendingPreDeploy", "pendingPostDeploy", "schemaAhead", "failed", "checksumMismatches",
                    "lastApplied", "historyExists")) {
                assertThat(health).as(field).containsEntry(field, info.get(field));
                assertThat(endpoint).as(field).containsEntry(field, info.get(field));
            }
            assertThat(endpoint.get("migrations")).isEqualTo(info.get("migrations"));
            assertThat(((List<Map<String, Object>>) endpoint.get("migrations")).get(0).keySet())
                    .containsExactly("version", "description", "type", "script", "state", "checksum",
                            "appliedChecksum", "hasDown", "installedOn", "installedBy", "executionTimeMs", "phase");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsFilesTheMigrationJobWouldRejectAsDownWithTheSameMessages() throws Exception {
        Files.delete(dir.resolve("V1_t.up.sql"));
        Files.writeString(dir.resolve("V1__init.sql"), "create table " + schema + ".t (id int);");
        String jobMessage = org.assertj.core.api.Assertions.catchThrowableOfType(io.msr.ValidationException.class,
                this::migrateFromAnotherProcess).issues().get(0).message();
        runner.run(context -> {
            context.getBean(SchemaMonitor.class).refresh();
            var health = context.getBean(MsrHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("pending", 0);
            assertThat((String) health.getDetails().get("reason")).contains("validation error(s)")
                    .contains("V1__init.sql");
            assertThat((List<String>) health.getDetails().get("errors")).contains(jobMessage);
        });
    }

    @Test
    void reportsAConfiguredLocationThatDoesNotExistAsDown() {
        runner.withPropertyValues("msr.locations=filesystem:" + dir.resolve("typo/path")).run(context -> {
            context.getBean(SchemaMonitor.class).refresh();
            var health = context.getBean(MsrHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("errors").toString()).contains("typo/path").contains("msr.locations");
        });
    }

    @Test
    void reportsAnUnreachableDatabaseAsDownWithoutThePassword() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class, MsrActuatorAutoConfiguration.class))
                .withPropertyValues("msr.datasource.url=jdbc:postgresql://127.0.0.1:1/x", "msr.datasource.username=u",
                        "msr.datasource.password=pa55word-secret")
                .run(context -> {
                    var health = context.getBean(MsrHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(String.valueOf(health.getDetails().get("error"))).contains("127.0.0.1:1")
                            .doesNotContain("pa55word-secret");
                });
    }

    @Test
    @SuppressWarnings("removal")
    void recordsTimersOfMigrationsAndRuns() {
        runner.withPropertyValues("msr.mode=migrate-on-start").run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(MsrMeters.MIGRATION).tag("type", "sql").tag("outcome", "success").timer().count())
                    .as("the observations' timers, without an ObservationRegistry too").isEqualTo(1);
            assertThat(meters.get(MsrMeters.OPERATION).tag("outcome", "success").timer().count()).isEqualTo(1);
            assertThat(meters.get(MsrMeters.LOCK_ACQUIRE).tag("outcome", "success").timer().count()).isEqualTo(1);
            assertThat(meters.get(MsrMeters.MIGRATION_DURATION).tag("type", "sql").tag("outcome", "success").timer()
                    .count()).isEqualTo(1);
            assertThat(meters.get(MsrMeters.MIGRATE_DURATION).tag("outcome", "success").timer().count()).isEqualTo(1);
            assertThat(meters.get(MsrMeters.LOCK_WAIT).timer().count()).isEqualTo(1);
            assertThat(context).doesNotHaveBean(MsrHealthIndicator.class).doesNotHaveBean(SchemaMetrics.class);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEndpointShowsTheStartupMigrationAndAFreshReadingInMigrateOnStartMode() {
        runner.withPropertyValues("msr.mode=migrate-on-start").run(context -> {
            assertThat(context).doesNotHaveBean(SchemaMonitor.class).hasSingleBean(MsrEndpoint.class);
            Map<String, Object> endpoint = context.getBean(MsrEndpoint.class).schema();
            assertThat(endpoint).containsEntry("status", "UP").containsEntry("schemaVersion", 1L)
                    .containsEntry("pending", 0);
            assertThat((Map<String, Object>) endpoint.get("lastOperation")).containsEntry("operation", "MIGRATE")
                    .containsEntry("success", true).containsEntry("schemaVersionAfter", 1L);
            assertThat((List<Map<String, Object>>) endpoint.get("migrations")).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("state", "APPLIED"));
        });
    }

    @Test
    void theEndpointBacksOffWithoutAnEngine() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class, MsrActuatorAutoConfiguration.class))
                .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=msr")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MsrEndpoint.class));
    }

    @Test
    void verifyModeShowsNoLastOperation() {
        runner.run(context -> assertThat(context.getBean(MsrEndpoint.class).schema()).doesNotContainKey("lastOperation"));
    }

    @Test
    void backsOffWithoutActuatorOrMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterRegistry.class,
                        org.springframework.boot.actuate.endpoint.annotation.Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SchemaMonitor.class)
                        .doesNotHaveBean(MsrHealthIndicator.class).doesNotHaveBean(MsrEndpoint.class)
                        .doesNotHaveBean(MicrometerMigrationListener.class));
    }

    @Test
    void backsOffWhenTheHealthIndicatorIsDisabledOrMsrIsOff() {
        runner.withPropertyValues("management.health.msr.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MsrHealthIndicator.class)
                        .hasSingleBean(MsrEndpoint.class));
        runner.withPropertyValues("msr.mode=none")
                .run(context -> assertThat(context).doesNotHaveBean(MsrHealthIndicator.class)
                        .doesNotHaveBean(MsrEndpoint.class).doesNotHaveBean(MicrometerMigrationListener.class));
    }

    @Test
    void withoutADatabaseTheIndicatorReportsUnknownUnlessDisabledOrDefinedByTheUser() {
        ApplicationContextRunner noDatabase = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class, MsrActuatorAutoConfiguration.class));
        noDatabase.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SchemaMonitor.class)
                    .hasSingleBean(ReadinessGroupCheck.class);
            assertThat(context.getBean("msrHealthIndicator", HealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.UNKNOWN);
        });
        noDatabase.withPropertyValues("management.health.msr.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("msrHealthIndicator")
                        .doesNotHaveBean(ReadinessGroupCheck.class));
        runner.withPropertyValues("msr.mode=migrate-on-start")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("msrHealthIndicator")
                        .doesNotHaveBean(ReadinessGroupCheck.class));
        HealthIndicator mine = () -> org.springframework.boot.health.contributor.Health.up().build();
        noDatabase.withBean("msrHealthIndicator", HealthIndicator.class, () -> mine)
                .run(context -> assertThat(context.getBean("msrHealthIndicator")).isSameAs(mine));
    }

    @Test
    void backsOffWhenTheUserDefinesTheIndicator() {
        HealthIndicator mine = () -> org.springframework.boot.health.contributor.Health.up().build();
        runner.withBean("msrHealthIndicator", HealthIndicator.class, () -> mine)
                .run(context -> assertThat(context.getBean("msrHealthIndicator")).isSameAs(mine));
    }
}
