package io.msr.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.test.KubeletVolume;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify mode over migrations mounted from a ConfigMap: UP while the mount holds what the history records, DOWN (as
 * the migrate Job would exit 2) once the mount is empty while the history records applied migrations.
 */
@WithPostgres
class ConfigMapMountHealthTest {

    @TempDir
    Path dir;

    private final TestDatabase db;

    ConfigMapMountHealthTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aMountThatEmptiesWhileTheHistoryRecordsMigrationsIsDown() {
        String schema = db.freshSchema().name();
        KubeletVolume volume = new KubeletVolume(dir.resolve("mnt/migrations")).write(Map.of(
                "V1_t.up.sql", "create table " + schema + ".t (id int);",
                "V2_u.up.sql", "create table " + schema + ".u (id int);"));
        String location = "filesystem:" + volume.dir();
        Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().schema(schema).locations(location).build()).build().migrate();

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class,
                        MsrActuatorAutoConfiguration.class, MetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema, "msr.mode=verify",
                        "msr.locations=" + location)
                .run(context -> {
                    HealthIndicator health = context.getBean("msrHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                    volume.write(Map.of());
                    context.getBean(SchemaMonitor.class).refresh();

                    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
                    assertThat(context.getBean(SchemaMonitor.class).current().reason())
                            .contains("validation error(s) would stop the migration Job")
                            .contains("Location " + location + " exists but holds no migrations")
                            .contains("2 applied migration(s) (latest V2)");
                });
    }
}
