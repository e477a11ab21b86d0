package io.msr.boot.autoconfigure;

import io.msr.AdoptFrom;
import io.msr.ConfigurationException;
import io.msr.ExitCode;
import io.msr.InfoResult;
import io.msr.MigrationInfo;
import io.msr.MigrationState;
import io.msr.MigrationType;
import io.msr.MsrException;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.Version;
import io.msr.boot.autoconfigure.verify.SchemaState;
import io.msr.boot.autoconfigure.verify.SchemaStateEvaluator;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.msr.boot.autoconfigure.OneShotModeTest.msrException;
import static org.assertj.core.api.Assertions.assertThat;

/** msr.mode=baseline and msr.baseline-version reach the engine; a schema with tables but no history is not ready. */
@WithPostgres
class BaselineModeTest {

    @TempDir
    Path migrations;

    private final TestDatabase db;
    private String schema;
    private ApplicationContextRunner runner;

    BaselineModeTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void schemaBuiltBeforeMsr() throws Exception {
        schema = db.freshSchema().name();
        db.execute("create table " + schema + ".t (id int)");
        Files.writeString(migrations.resolve("V1_create_t.up.sql"), "create table t (id int);");
        Files.writeString(migrations.resolve("V2_add_name.up.sql"), "alter table t add column name text;");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema,
                        "spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                        "msr.locations=filesystem:" + migrations, "msr.termination-message-path=" + migrations.resolve("none"));
    }

    @Test
    void baselineModeRecordsTheBaselineVersion() {
        runner.withPropertyValues("msr.mode=baseline", "msr.baseline-version=1").run(context -> {
            assertThat(context).hasNotFailed();
            OneShotResult result = context.getBean(OneShotResult.class);
            assertThat(result.exitCode()).isZero();
            assertThat(result.mode()).isEqualTo(MsrMode.BASELINE);
            assertThat(result.result(OperationResult.class).operation()).isEqualTo(Operation.BASELINE);
            assertThat(result.result(OperationResult.class).schemaVersionAfter()).isEqualTo(Version.of(1));
        });
        assertThat(db.queryForStrings("select version || ' ' || operation from " + schema + ".msr_schema_history"))
                .containsExactly("1 BASELINE");
        runner.withPropertyValues("msr.mode=migrate").run(context -> assertThat(context.getBean(OneShotResult.class)
                .result(OperationResult.class).executed()).hasSize(1));
    }

    @Test
    void baselineModeWithoutTheVersionIsAConfigurationErrorNamingTheProperty() {
        runner.withPropertyValues("msr.mode=baseline").run(context -> {
            assertThat(context).hasFailed();
            MsrException failure = msrException(context.getStartupFailure()).orElseThrow();
            assertThat(failure).isInstanceOf(ConfigurationException.class);
            assertThat(failure.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(failure.getMessage()).contains("msr.mode=baseline needs msr.baseline-version");
        });
    }

    @Test
    void aBaselineVersionThatIsNoVersionIsRefusedNamingTheProperty() {
        MsrProperties properties = new MsrProperties();
        properties.setBaselineVersion("v1");

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SettingsFromProperties.baselineVersion(properties)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("msr.baseline-version")
                .hasMessageContaining("'v1' is not a version");
    }

    @Test
    void bindsTheBaselineVersionAndLiquibaseAdoption() {
        runner.withPropertyValues("msr.adopt-from=liquibase", "msr.baseline-version=1.2")
                .run(context -> {
                    var settings = SettingsFromProperties.toSettings(context.getBean(MsrProperties.class));
                    assertThat(settings.adopt().from()).isEqualTo(AdoptFrom.LIQUIBASE);
                    assertThat(settings.adopt().baselineVersion()).isEqualTo(Version.parse("1.2"));
                });
    }

    @Test
    void adoptingFromLiquibaseWithoutTheBaselineVersionNamesBothProperties() {
        MsrProperties properties = new MsrProperties();
        properties.setAdoptFrom(AdoptFrom.LIQUIBASE);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SettingsFromProperties.toSettings(properties)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("msr.adopt-from=liquibase")
                .hasMessageContaining("msr.baseline-version");
    }

    @Test
    void aMigrateIntoTheSchemaWithTablesButNoHistoryFailsWithExitCode2() {
        runner.withPropertyValues("msr.mode=migrate").run(context -> {
            assertThat(context).hasFailed();
            MsrException failure = msrException(context.getStartupFailure()).orElseThrow();
            assertThat(failure.exitCode()).isEqualTo(ExitCode.VALIDATION);
            assertThat(failure.getMessage()).contains("msr.mode=baseline").contains("msr.baseline-version");
        });
    }

    @Test
    void metricsCountTheMigrationsCoveredByTheBaselineAsAppliedButNotTheBaselineRow() {
        InfoResult info = new InfoResult(Version.of(2), Version.of(3), List.of(
                migration(1, MigrationType.SQL, MigrationState.BELOW_BASELINE),
                migration(2, MigrationType.BASELINE, MigrationState.APPLIED),
                migration(2, MigrationType.SQL, MigrationState.BELOW_BASELINE),
                migration(3, MigrationType.SQL, MigrationState.APPLIED)), List.of(), true, List.of());

        assertThat(SchemaStateEvaluator.applied(info)).isEqualTo(3);
        assertThat(SchemaStateEvaluator.evaluate(info, true).status()).isEqualTo(SchemaState.Status.UP);
    }

    private static MigrationInfo migration(long version, MigrationType type, MigrationState state) {
        return new MigrationInfo(Version.of(version), "m" + version, type, "s", state, null, null, false,
                state == MigrationState.APPLIED ? Instant.EPOCH : null, null, null);
    }
}
