package io.msr.boot.autoconfigure;

import io.msr.Msr;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** MSR refuses to start beside Flyway's or Liquibase's migrations unless told both are intended. */
@WithPostgres
class MsrMigrationToolsTest {

    private final ApplicationContextRunner runner;
    private final TestDatabase db;

    MsrMigrationToolsTest(TestDatabase db) {
        this.db = db;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class,
                        MsrMigrationToolsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.locations=classpath:db/none")
                // Should Flyway ever get to run, it must not touch the shared test database.
                .withBean(FlywayMigrationStrategy.class, () -> flyway -> { });
    }

    @Test
    void failsWhenFlywaysAutoConfigurationWouldMigrateToo() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MsrFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Flyway would migrate at startup as well as MSR")
                    .contains("flyway");
            assertThat(analysis.getAction()).contains("spring.flyway.enabled=false")
                    .contains("msr.allow-other-migration-tools=true");
        });
    }

    @Test
    void failsWhenLiquibasesAutoConfigurationWouldMigrateToo() {
        runner.withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MsrFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Liquibase would migrate at startup as well as MSR");
            assertThat(analysis.getAction()).contains("spring.liquibase.enabled=false");
        });
    }

    @Test
    void failsInOneShotModesToo() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("msr.mode=info", "spring.main.lazy-initialization=true")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void startsWhenFlywaysAutoConfigurationIsTurnedOff() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, LiquibaseAutoConfiguration.class))
                .withPropertyValues("spring.flyway.enabled=false", "spring.liquibase.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Msr.class).doesNotHaveBean(Flyway.class));
    }

    @Test
    void startsBesideAFlywayThatMigratesAnotherDatabase() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("spring.flyway.url=jdbc:postgresql://reporting.example:5432/reports")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Msr.class).hasSingleBean(Flyway.class));
    }

    @Test
    void failsBesideAFlywayGivenTheSameUrl() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("spring.flyway.url=" + db.jdbcUrl())
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void startsBesideFlywayWhenBothAreIntended() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("msr.allow-other-migration-tools=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Msr.class).hasSingleBean(Flyway.class));
    }

    @Test
    void staysOutOfTheWayWithModeNone() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("msr.mode=none")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OtherMigrationToolsCheck.class));
    }
}
