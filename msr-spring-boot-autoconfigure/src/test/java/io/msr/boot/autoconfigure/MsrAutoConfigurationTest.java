package io.msr.boot.autoconfigure;

import io.msr.JavaMigration;
import io.msr.MigrationContext;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.Version;
import io.msr.boot.autoconfigure.oneshot.OneShotRunner;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.boot.autoconfigure.verify.SchemaState;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@WithPostgres
class MsrAutoConfigurationTest {

    private final TestDatabase db;
    private final ApplicationContextRunner runner;

    MsrAutoConfigurationTest(TestDatabase db) {
        this.db = db;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.locations=classpath:db/none");
    }

    @Test
    void createsTheEngineAndTheSchemaMonitorInVerifyMode() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Msr.class).hasSingleBean(SchemaMonitor.class);
            assertThat(context).doesNotHaveBean(MigrateOnStartInitializer.class).doesNotHaveBean(OneShotRunner.class);
            assertThat(context.getBean(SchemaMonitor.class).current().status()).isEqualTo(SchemaState.Status.UP);
        });
    }

    @Test
    void backsOffWithModeNone() {
        runner.withPropertyValues("msr.mode=none")
                .run(context -> assertThat(context).doesNotHaveBean(Msr.class).doesNotHaveBean(MsrProperties.class));
    }

    @Test
    void backsOffInVerifyModeWithoutADataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Msr.class)
                        .doesNotHaveBean(SchemaMonitor.class));
    }

    @Test
    void failsAOneShotModeWithoutADataSourceWithAClearMessage() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class))
                .withPropertyValues("msr.mode=migrate")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(new MsrFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                            .contains("msr.mode=migrate needs a database");
                });
    }

    @Test
    void failsAOneShotModeWithoutADataSourceAlsoWhenBeansAreLazyAsInAPackagedJob() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class))
                .withInitializer(context -> context.addBeanFactoryPostProcessor(
                        new LazyInitializationBeanFactoryPostProcessor()))
                .withPropertyValues("msr.mode=migrate")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void usesItsOwnCredentialsWithoutAnApplicationDataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class))
                .withPropertyValues("msr.datasource.url=" + db.jdbcUrl(), "msr.datasource.username=" + db.username(),
                        "msr.locations=classpath:db/none")
                .run(context -> assertThat(context).hasSingleBean(Msr.class).hasSingleBean(SchemaMonitor.class));
    }

    @Test
    void bindsTheBackupSettings() {
        runner.withPropertyValues("msr.rollback-strategy=both", "msr.backup.folder=/var/backups/msr",
                        "msr.backup.keep=true", "msr.backup.pg-dump=/usr/lib/postgresql/17/bin/pg_dump",
                        "msr.backup.schemas=app,audit")
                .run(context -> {
                    MsrSettings settings = SettingsFromProperties.toSettings(context.getBean(MsrProperties.class));
                    assertThat(settings.rollbackStrategy()).isEqualTo(io.msr.RollbackStrategy.BOTH);
                    assertThat(settings.backup()).isEqualTo(new io.msr.BackupSettings(
                            java.nio.file.Path.of("/var/backups/msr"), true, "/usr/lib/postgresql/17/bin/pg_dump",
                            "pg_restore", java.util.List.of("app", "audit")));
                });
    }

    @Test
    void givesTheApplicationDataSourceCredentialsToTheBackupTools(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path folder) {
        io.msr.test.PgClientTools tools = io.msr.test.PgClientTools.requireFor(db);
        runner.withPropertyValues("msr.backup.folder=" + folder, "msr.backup.pg-dump=" + tools.pgDump())
                .run(context -> {
                    io.msr.OperationResult backup = context.getBean(Msr.class).backup();
                    assertThat(backup.notes()).singleElement().asString().contains("Backed up the database")
                            .contains(folder.toString());
                });
    }

    @Test
    void backsOffWhenTheUserDefinesTheEngine() {
        runner.withUserConfiguration(UserEngine.class)
                .run(context -> assertThat(context.getBean(Msr.class)).isSameAs(UserEngine.ENGINE));
    }

    @Test
    void migrateOnStartMigratesWhileTheContextStarts() {
        String schema = db.freshSchema().name();
        runner.withPropertyValues("msr.mode=migrate-on-start", "msr.schema=" + schema)
                .withUserConfiguration(JavaMigrationBean.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MigrateOnStartInitializer.class)
                            .doesNotHaveBean(SchemaMonitor.class);
                    assertThat(db.queryForStrings("select type || ' ' || description from " + schema
                            + ".msr_schema_history")).containsExactly("JAVA created by a bean");
                });
    }

    @Test
    void appliesSettingsCustomizersInOrder() {
        runner.withBean(MsrSettingsCustomizer.class, () -> settings -> settings.table("custom_history"))
                .run(context -> assertThat(context.getBean(Msr.class).lockStatus().key())
                        .contains(".custom_history"));
    }

    @Test
    void propertyDefaultsEqualTheEngineDefaults() {
        MsrSettings fromProperties = SettingsFromProperties.toSettings(new MsrProperties());
        assertThat(fromProperties).isEqualTo(MsrSettings.defaults());
        MsrProperties properties = new MsrProperties();
        assertThat(properties.getMode()).isEqualTo(MsrMode.VERIFY);
        assertThat(properties.getVerify().getRefreshInterval()).hasSeconds(10);
        assertThat(properties.getVerify().isAllowAhead()).isTrue();
        assertThat(properties.getVerify().isFailOnPending()).isFalse();
        assertThat(properties.getOutput()).isEqualTo(MsrProperties.Output.TEXT);
        // Unset, msr.connect.wait is the engine's (none) in verify mode and 60s where a run needs the database.
        assertThat(properties.getConnect().getWait()).isNull();
        properties.setMode(MsrMode.MIGRATE);
        assertThat(SettingsFromProperties.toSettings(properties).connectWait())
                .isEqualTo(MsrProperties.Connect.DEFAULT_WAIT);
    }

    @Test
    void databaseDependentBeansWaitForMigrateOnStart() {
        String schema = db.freshSchema().name();
        runner.withPropertyValues("msr.mode=migrate-on-start", "msr.schema=" + schema)
                .withBean("tableReader", TableReader.class, () -> new TableReader(db, schema))
                .withUserConfiguration(JavaMigrationBean.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TableReader.class));
    }

    @Test
    void verifyWorksWithARoleThatCanOnlyReadTheHistoryTable() {
        String schema = db.freshSchema().name();
        runner.withPropertyValues("msr.mode=migrate-on-start", "msr.schema=" + schema)
                .withUserConfiguration(JavaMigrationBean.class).run(context -> assertThat(context).hasNotFailed());
        db.execute("drop role if exists msr_reader");
        db.execute("create role msr_reader login");
        db.execute("grant usage on schema " + schema + " to msr_reader");
        db.execute("grant select on " + schema + ".msr_schema_history to msr_reader");
        try {
            runner.withPropertyValues("msr.schema=" + schema, "spring.datasource.username=msr_reader")
                    .withUserConfiguration(JavaMigrationBean.class)
                    .run(context -> assertThat(context.getBean(SchemaMonitor.class).current().status())
                            .isEqualTo(SchemaState.Status.UP));
        } finally {
            db.execute("drop owned by msr_reader");
            db.execute("drop role msr_reader");
        }
    }

    @Test
    void verifyReportsEverythingPendingBeforeTheHistoryTableExists() {
        String schema = db.freshSchema().name();
        runner.withPropertyValues("msr.schema=" + schema).withUserConfiguration(JavaMigrationBean.class)
                .run(context -> {
                    SchemaState state = context.getBean(SchemaMonitor.class).current();
                    assertThat(state.status()).isEqualTo(SchemaState.Status.OUT_OF_SERVICE);
                    assertThat(state.info().pending()).hasSize(1);
                    assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'",
                            Long.class)).isZero();
                });
    }

    @Test
    void failsStartupOnAnUnreadableLocation() {
        runner.withPropertyValues("msr.locations=s3:bucket/migrations").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new MsrFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .contains("s3:bucket/migrations").contains("classpath:<path> or filesystem:<path>");
        });
    }

    @Test
    void failOnPendingFailsStartupWhileMigrationsArePending() {
        String schema = db.freshSchema().name();
        runner.withPropertyValues("msr.schema=" + schema, "msr.verify.fail-on-pending=true")
                .withUserConfiguration(JavaMigrationBean.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(new MsrFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                            .contains("OUT_OF_SERVICE").contains("1 migration(s) pending");
                });
    }

    /** A bean that reads a migrated table when created, as a repository warming a cache would. */
    @DependsOnDatabaseInitialization
    static class TableReader {
        TableReader(TestDatabase db, String schema) {
            db.queryForObject("select count(*) from " + schema + ".msr_schema_history", Long.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEngine {
        static final Msr ENGINE = Msr.builder().url("jdbc:postgresql://localhost:1/x", "u", "p").build();

        @Bean
        Msr myMsr() {
            return ENGINE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JavaMigrationBean {

        @Bean
        JavaMigration createdByABean() {
            return new JavaMigration() {
                @Override
                public Version version() {
                    return Version.of(1);
                }

                @Override
                public String description() {
                    return "created by a bean";
                }

                @Override
                public void up(MigrationContext context) throws Exception {
                    context.connection().createStatement().execute("select 1");
                }
            };
        }
    }
}
