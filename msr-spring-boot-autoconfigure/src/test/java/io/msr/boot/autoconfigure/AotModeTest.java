package io.msr.boot.autoconfigure;

import io.msr.Msr;
import io.msr.boot.autoconfigure.oneshot.OneShotInitializer;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.AotDetector;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AOT freezes the bean definitions when the application is built: the mode must still be decided when the
 * jar runs. The runner stands in for both moments: "spring.aot.processing" is what AOT sets while it builds.
 */
@WithPostgres
class AotModeTest {

    @TempDir
    Path migrations;

    private final TestDatabase db;
    private String schema;
    private ApplicationContextRunner aotBuilt;

    AotModeTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        schema = db.freshSchema().name();
        Files.writeString(migrations.resolve("V1_create_t.up.sql"), "create table " + schema + ".t (id int);");
        aotBuilt = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema,
                        "msr.locations=filesystem:" + migrations, MsrModeCondition.AOT_PROCESSING + "=true",
                        "msr.termination-message-path=" + migrations.resolve("none"));
    }

    private long tables() {
        return db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'", Long.class);
    }

    @Test
    void keepsTheBeansOfEveryModeWhileAotProcessesTheApplication() {
        aotBuilt.run(context -> assertThat(context).hasNotFailed().hasSingleBean(SchemaMonitor.class)
                .hasSingleBean(MigrateOnStartInitializer.class).hasSingleBean(OneShotInitializer.class)
                .hasSingleBean(SchedulingSuppressor.class));
    }

    @Test
    void verifyAtRunTimeNeverMigratesThoughTheMigratingBeansExist() {
        aotBuilt.withPropertyValues("msr.mode=verify").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(OneShotInitializer.class).result()).isNull();
            assertThat(tables()).isZero();
        });
    }

    @Test
    void migrateAtRunTimeRunsTheOneShotOperationOnly() {
        aotBuilt.withPropertyValues("msr.mode=migrate").run(context -> {
            assertThat(context.getBean(OneShotResult.class).exitCode()).isZero();
            assertThat(tables()).as("t, the history table and its drift fingerprint table").isEqualTo(3);
        });
    }

    @Test
    void migrateOnStartAtRunTimeMigratesDuringStartup() {
        aotBuilt.withPropertyValues("msr.mode=migrate-on-start").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(OneShotInitializer.class).result()).isNull();
            assertThat(tables()).as("t, the history table and its drift fingerprint table").isEqualTo(3);
        });
    }

    @Test
    void withoutAotTheOtherModesBeansAreNotRegistered() {
        assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
        aotBuilt.withPropertyValues(MsrModeCondition.AOT_PROCESSING + "=false").run(context -> assertThat(context)
                .hasSingleBean(SchemaMonitor.class).doesNotHaveBean(MigrateOnStartInitializer.class)
                .doesNotHaveBean(OneShotInitializer.class));
    }

    @Test
    void hintsCoverTheMigrationsTheServiceFileAndTheEngine() {
        RuntimeHints hints = new RuntimeHints();
        new MsrRuntimeHints().registerHints(hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.resource().forResource("db/msr/V1_create_users.up.sql")).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource(MsrRuntimeHints.SERVICE_FILE)).accepts(hints);
        Class<?> engine = ServiceLoader.load(Msr.Provider.class).stream().findFirst().orElseThrow().type();
        assertThat(RuntimeHintsPredicates.reflection().onType(engine)).accepts(hints);
    }

    @Test
    void theHintsAreRegisteredThroughAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
                .anyMatch(MsrRuntimeHints.class::isInstance);
    }
}
