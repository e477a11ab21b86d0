package io.msr.boot.autoconfigure;

import io.msr.ExitCode;
import io.msr.InfoResult;
import io.msr.MigrationFailedException;
import io.msr.MsrException;
import io.msr.OperationResult;
import io.msr.boot.autoconfigure.oneshot.OneShotInitializer;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One-shot modes inside a test: run during the refresh, never exit, report through a bean or the failure. */
@WithPostgres
class OneShotModeTest {

    @TempDir
    Path migrations;

    private final TestDatabase db;
    private String schema;
    private ApplicationContextRunner runner;

    OneShotModeTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        schema = db.freshSchema().name();
        Files.writeString(migrations.resolve("V1_create_t.up.sql"), "create table t (id int);\ninsert into t values (1);");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
                        MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema,
                        "spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                        "msr.locations=filesystem:" + migrations, "msr.termination-message-path=" + migrations.resolve("none"));
    }

    @Test
    void migrateRunsDuringTheRefreshBeforeBeansThatUseTheDatabase() {
        runner.withPropertyValues("msr.mode=migrate").withBean(TableCounter.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TableCounter.class).rows).isEqualTo(1);
            OneShotResult result = context.getBean(OneShotResult.class);
            assertThat(result.exitCode()).isZero();
            assertThat(result.mode()).isEqualTo(MsrMode.MIGRATE);
            assertThat(result.result(OperationResult.class).executed()).hasSize(1);
        });
    }

    @Test
    void infoReportsItsResultThroughTheResultBean() {
        runner.withPropertyValues("msr.mode=info").run(context -> {
            OneShotResult result = context.getBean(OneShotResult.class);
            assertThat(result.exitCode()).isZero();
            assertThat(result.result(InfoResult.class).pending()).hasSize(1);
        });
    }

    @Test
    void aFailedOperationFailsTheContextWithTheMsrExceptionAsCause() throws Exception {
        Files.writeString(migrations.resolve("V2_broken.up.sql"), "select * from no_such_table;");
        runner.withPropertyValues("msr.mode=migrate").withBean(TableCounter.class).run(context -> {
            assertThat(context).hasFailed();
            MsrException failure = msrException(context.getStartupFailure()).orElseThrow();
            assertThat(failure).isInstanceOf(MigrationFailedException.class);
            assertThat(failure.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
            assertThat(failure.result()).get().extracting(OperationResult::executed).asList().hasSize(2);
        });
    }

    @Test
    void scheduledBeansAreNeitherCreatedNorScheduledInOneShotModes() {
        runner.withPropertyValues("msr.mode=migrate").withUserConfiguration(Scheduling.class)
                .withInitializer(context -> context.addBeanFactoryPostProcessor(
                        new LazyInitializationBeanFactoryPostProcessor()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeanFactory().containsSingleton("ticker")).isFalse();
                    assertThat(context.containsBeanDefinition(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
                            .isFalse();
                });
    }

    @Test
    void scheduledBeansStayEagerAndScheduledInVerifyMode() {
        runner.withUserConfiguration(Scheduling.class)
                .withInitializer(context -> context.addBeanFactoryPostProcessor(
                        new LazyInitializationBeanFactoryPostProcessor()))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(OneShotInitializer.class)
                            .doesNotHaveBean(SchedulingSuppressor.class);
                    assertThat(context.getBeanFactory().containsSingleton("ticker")).isTrue();
                });
    }

    @Test
    void keepsTheApplicationsOwnLifecycleProcessorInEveryMode() {
        for (String mode : new String[] {"verify", "migrate"}) {
            runner.withPropertyValues("msr.mode=" + mode).withUserConfiguration(OwnLifecycleProcessor.class)
                    .run(context -> assertThat(context.getBean("lifecycleProcessor"))
                            .isSameAs(OwnLifecycleProcessor.PROCESSOR));
        }
    }

    @Test
    void doesNotRegisterTheInitializerInOtherModes() {
        runner.withPropertyValues("msr.mode=migrate-on-start").run(context -> assertThat(context)
                .doesNotHaveBean(OneShotInitializer.class).doesNotHaveBean(OneShotResult.class));
    }

    static Optional<MsrException> msrException(Throwable failure) {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause)
                .filter(MsrException.class::isInstance).map(MsrException.class::cast).findFirst();
    }

    /** Reads the migrated table when created, through a JdbcTemplate as an application's repository would. */
    static class TableCounter {
        final int rows;

        TableCounter(JdbcTemplate jdbc) {
            rows = jdbc.queryForObject("select count(*) from t", Integer.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {

        @Bean
        Ticker ticker() {
            return new Ticker();
        }
    }

    static class Ticker {
        @Scheduled(fixedRate = 60_000)
        void tick() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLifecycleProcessor {
        static final LifecycleProcessor PROCESSOR = new DefaultLifecycleProcessor();

        @Bean
        LifecycleProcessor lifecycleProcessor() {
            return PROCESSOR;
        }
    }
}
