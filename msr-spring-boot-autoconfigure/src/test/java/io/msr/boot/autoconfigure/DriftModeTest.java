package io.msr.boot.autoconfigure;

import io.msr.DriftResult;
import io.msr.MsrSettings;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code msr.mode=drift} inside a test, and the {@code msr.drift.*} properties (environment variables too). */
@WithPostgres
class DriftModeTest {

    @TempDir
    Path migrations;

    private final TestDatabase db;
    private String schema;
    private ApplicationContextRunner runner;

    DriftModeTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        schema = db.freshSchema().name();
        Files.writeString(migrations.resolve("V1_create_t.up.sql"), "create table " + schema + ".t (id int);");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema,
                        "msr.locations=filesystem:" + migrations, "msr.termination-message-path=" + migrations.resolve("none"));
    }

    private DriftResult drift(String... properties) {
        DriftResult[] result = new DriftResult[1];
        runner.withPropertyValues("msr.mode=drift").withPropertyValues(properties).run(context -> {
            assertThat(context).hasNotFailed();
            OneShotResult oneShot = context.getBean(OneShotResult.class);
            assertThat(oneShot.mode()).isEqualTo(MsrMode.DRIFT);
            result[0] = oneShot.result(DriftResult.class);
            assertThat(oneShot.exitCode()).isEqualTo(result[0].exitCode().code());
        });
        return result[0];
    }

    @Test
    void reportsNoDriftAfterAMigrateAndFailsWithExitCodeNineOnceTheSchemaDrifted() {
        runner.withPropertyValues("msr.mode=migrate").run(context -> assertThat(context).hasNotFailed());
        assertThat(drift().status()).isEqualTo(DriftResult.Status.NO_DRIFT);

        db.execute("alter table " + schema + ".t add column note text");
        runner.withPropertyValues("msr.mode=drift").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("msr.mode=drift ended with exit code 9");
        });
    }

    @Test
    void recordModeRecordsTheSchemaOfABaselineSoThatLaterChecksCompare() {
        db.execute("create table " + schema + ".t (id int)");
        runner.withPropertyValues("msr.mode=baseline", "msr.baseline-version=1")
                .run(context -> assertThat(context).hasNotFailed());

        DriftResult none = drift();
        assertThat(none.status()).isEqualTo(DriftResult.Status.NO_FINGERPRINT);
        assertThat(none.exitCode().code()).as("no fingerprint: a warning, not a failure").isZero();

        assertThat(drift("msr.drift.record=true").status()).isEqualTo(DriftResult.Status.RECORDED);
        assertThat(drift().status()).isEqualTo(DriftResult.Status.NO_DRIFT);
    }

    @Test
    void bindsTheDriftPropertiesFromEnvironmentVariableNamesToo() {
        Map<String, Object> environment = Map.of("MSR_DRIFT_SCHEMAS", "reports,audit",
                "MSR_DRIFT_INCLUDE_PRIVILEGES", "true", "MSR_DRIFT_ENABLED", "false", "MSR_VERIFY_FAIL_ON_DRIFT", "true",
                "MSR_VERIFY_DRIFT_CHECK_INTERVAL", "5m", "MSR_DRIFT_RECORD", "true");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment))).run(context -> {
                    MsrProperties properties = context.getBean(MsrProperties.class);
                    MsrSettings settings = SettingsFromProperties.toSettings(properties);
                    assertThat(settings.drift().schemas()).containsExactly("reports", "audit");
                    assertThat(settings.drift().includePrivileges()).isTrue();
                    assertThat(settings.drift().enabled()).isFalse();
                    assertThat(properties.getDrift().isRecord()).isTrue();
                    assertThat(properties.getVerify().isFailOnDrift()).isTrue();
                    assertThat(properties.getVerify().getDriftCheckInterval()).isEqualTo(Duration.ofMinutes(5));
                });
    }

    @Test
    void theDriftDefaultsAreTheEngineDefaults() {
        MsrProperties properties = new MsrProperties();
        assertThat(SettingsFromProperties.toSettings(properties).drift()).isEqualTo(io.msr.DriftSettings.defaults());
        assertThat(properties.getDrift().isRecord()).isFalse();
        assertThat(properties.getVerify().isFailOnDrift()).isFalse();
        assertThat(properties.getVerify().getDriftCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.getDrift().getSchemas()).isEqualTo(List.of());
    }
}
