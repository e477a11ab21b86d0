package io.msr.boot.autoconfigure;

import io.msr.ConfigurationException;
import io.msr.boot.autoconfigure.datasource.UnsupportedDatabase;
import io.msr.boot.autoconfigure.verify.MsrHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An existing test suite's H2 DataSource: one clear message in every mode, naming msr.mode=none and PostgreSQL. */
@ExtendWith(OutputCaptureExtension.class)
class UnsupportedDatabaseTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class,
                    MsrActuatorAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                    "msr.locations=classpath:db/slice");

    @Test
    void verifyReportsDownWithTheWayOutInHealthAndLogsItOnceWithoutAStackTrace(CapturedOutput output) {
        runner.withPropertyValues("msr.verify.refresh-interval=100ms").run(context -> {
            assertThat(context).hasNotFailed();
            Health health = context.getBean(MsrHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("reason")).isEqualTo("The database is not PostgreSQL");
            assertThat(health.getDetails().get("error")).asString().contains("the database is H2")
                    .contains("msr.mode=none").contains("jdbc:postgresql:");
            Thread.sleep(400);
            assertThat(output.getOut().lines().filter(line -> line.contains("MSR schema state DOWN")))
                    .singleElement().asString().contains("WARN").contains("msr.mode=none");
            assertThat(output.getOut()).doesNotContain("\tat ").doesNotContain("ConfigurationException");
        });
    }

    @Test
    void verifyWithFailOnPendingFailsStartupNamingTheDatabase() {
        runner.withPropertyValues("msr.verify.fail-on-pending=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new MsrFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .contains("the database is H2").contains("msr.mode=none");
        });
    }

    @Test
    void migrateOnStartFailsStartupWithAnAnalysisNamingTheWayOut() {
        runner.withPropertyValues("msr.mode=migrate-on-start").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MsrFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .isEqualTo("MSR needs PostgreSQL, but the database is H2, which MSR does not support.");
            assertThat(analysis.getAction()).contains("msr.mode=none").contains("jdbc:postgresql:")
                    .contains("@ServiceConnection").contains("@AutoConfigureTestDatabase(replace = Replace.NONE)");
        });
    }

    @Test
    void aOneShotModeReportsTheWayOutAndFailsWithExitCodeOne(CapturedOutput output) {
        runner.withPropertyValues("msr.mode=migrate").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailureExit.exitCode(context.getStartupFailure())).isEqualTo(1);
            assertThat(output.getOut()).contains("MSR needs PostgreSQL, but the database is H2")
                    .contains("msr.mode=none");
        });
    }

    @Test
    void theFailureAnalysisExplainsTheEnginesRefusalWhereverStartupFails() {
        FailureAnalysis analysis = new MsrFailureAnalyzer().analyze(new BeanCreationException("msrOneShot",
                new ConfigurationException("MSR does not support Microsoft SQL Server yet; it supports PostgreSQL.")));
        assertThat(analysis.getDescription()).contains("the database is Microsoft SQL Server");
        assertThat(analysis.getAction()).contains("msr.mode=none");
    }

    @Test
    void otherConfigurationErrorsAreNotMistakenForAnUnsupportedDatabase() {
        assertThat(UnsupportedDatabase.of(new ConfigurationException("msr.mode=down needs msr.target"))).isEmpty();
    }
}
