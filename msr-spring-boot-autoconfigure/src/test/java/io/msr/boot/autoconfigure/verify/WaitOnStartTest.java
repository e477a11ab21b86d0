package io.msr.boot.autoconfigure.verify;

import io.msr.Msr;
import io.msr.boot.autoconfigure.MsrAutoConfiguration;
import io.msr.boot.autoconfigure.MsrFailureAnalyzer;
import io.msr.boot.autoconfigure.MsrMigrationStrategy;
import io.msr.boot.autoconfigure.MsrModeCondition;
import io.msr.boot.autoconfigure.MsrProperties;
import io.msr.boot.autoconfigure.SettingsFromProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WaitOnStartTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class))
            .withPropertyValues("msr.datasource.url=jdbc:postgresql://127.0.0.1:1/never-used",
                    "msr.verify.refresh-interval=20ms");

    /** Pending for the first three readings, then current: the Job finishes while the application waits. */
    private static ScriptedMsr jobFinishingAfterThreeReadings() {
        AtomicInteger readings = new AtomicInteger();
        return new ScriptedMsr(() -> readings.incrementAndGet() <= 3 ? ScriptedMsr.pending(2, 3)
                : ScriptedMsr.current());
    }

    @Test
    void databaseUsersStartOnlyOnceTheSchemaIsCurrent() {
        ScriptedMsr msr = jobFinishingAfterThreeReadings();
        runner.withPropertyValues("msr.verify.wait-on-start=10s").withBean(Msr.class, () -> msr)
                .withBean(SchemaUser.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SchemaWaitOnStart.class);
                    assertThat(context.getBean(SchemaUser.class).statusWhenCreated).isEqualTo(SchemaState.Status.UP);
                    assertThat(msr.infoCalls()).isGreaterThanOrEqualTo(4);
                });
    }

    @Test
    void failsStartupNamingThePendingMigrationsAndThePropertyWhenTheWaitRunsOut() {
        runner.withPropertyValues("msr.verify.wait-on-start=200ms")
                .withBean(Msr.class, () -> new ScriptedMsr(() -> ScriptedMsr.pending(2, 3)))
                .withBean(SchemaUser.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    var analysis = new MsrFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("msr.verify.wait-on-start=200ms")
                            .contains("2 migration(s) pending").contains("V2 V2_m.up.sql, V3 V3_m.up.sql");
                    assertThat(analysis.getAction()).contains("MSR_VERIFY_WAIT_ON_START");
                });
    }

    @Test
    void waitsForADatabaseThatIsNotReachableYet() {
        AtomicInteger readings = new AtomicInteger();
        ScriptedMsr msr = new ScriptedMsr(() -> {
            if (readings.incrementAndGet() <= 2) {
                throw new io.msr.ConnectionException("Connection to 127.0.0.1:5432 refused");
            }
            return ScriptedMsr.current();
        });
        runner.withPropertyValues("msr.verify.wait-on-start=10s", "msr.verify.stale-grace-period=0s")
                .withBean(Msr.class, () -> msr).withBean(SchemaUser.class)
                .run(context -> assertThat(context.getBean(SchemaUser.class).statusWhenCreated)
                        .isEqualTo(SchemaState.Status.UP));
    }

    @Test
    void failOnPendingLeavesTheDecisionToTheWait() {
        runner.withPropertyValues("msr.verify.wait-on-start=10s", "msr.verify.fail-on-pending=true")
                .withBean(Msr.class, WaitOnStartTest::jobFinishingAfterThreeReadings)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void isSwitchedOnByItsEnvironmentVariable() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("systemEnvironment",
                                Map.of("MSR_VERIFY_WAIT_ON_START", "7s", "MSR_VERIFY_STALE_GRACE_PERIOD", "1m"))))
                .withBean(Msr.class, () -> new ScriptedMsr(ScriptedMsr::current))
                .run(context -> {
                    assertThat(context).hasSingleBean(SchemaWaitOnStart.class);
                    MsrProperties.Verify verify = context.getBean(MsrProperties.class).getVerify();
                    assertThat(verify.getWaitOnStart()).hasSeconds(7);
                    assertThat(verify.getStaleGracePeriod()).hasMinutes(1);
                });
    }

    @Test
    void doesNotWaitWithoutTheProperty() {
        ScriptedMsr msr = new ScriptedMsr(() -> ScriptedMsr.pending(2));
        runner.withBean(Msr.class, () -> msr).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SchemaMonitor.class)
                    .doesNotHaveBean(SchemaWaitOnStart.class);
            assertThat(context.getBean(SchemaMonitor.class).current().status())
                    .isEqualTo(SchemaState.Status.OUT_OF_SERVICE);
        });
    }

    @Test
    void doesNotWaitOutsideVerifyMode() {
        runner.withPropertyValues("msr.verify.wait-on-start=10s", "msr.mode=migrate-on-start")
                .withBean(Msr.class, () -> new ScriptedMsr(() -> ScriptedMsr.pending(2)))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SchemaWaitOnStart.class));
    }

    @Test
    void doesNotWaitWithoutADatabase() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class))
                .withPropertyValues("msr.verify.wait-on-start=10s")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SchemaWaitOnStart.class));
    }

    @Test
    void doesNotWaitWithoutSpringBootSql() {
        runner.withPropertyValues("msr.verify.wait-on-start=10s")
                .withClassLoader(new FilteredClassLoader(DatabaseInitializationDependencyConfigurer.class))
                .withBean(Msr.class, () -> new ScriptedMsr(() -> ScriptedMsr.pending(2)))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SchemaWaitOnStart.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheWait() {
        ScriptedMsr msr = new ScriptedMsr(ScriptedMsr::current);
        SchemaMonitor monitor = new SchemaMonitor(msr, SettingsFromProperties.verify(new MsrProperties.Verify()));
        SchemaWaitOnStart mine = new SchemaWaitOnStart(monitor, Duration.ofSeconds(1), Duration.ofMillis(10));
        runner.withPropertyValues("msr.verify.wait-on-start=10s").withBean(Msr.class, () -> msr)
                .withBean(SchemaWaitOnStart.class, () -> mine)
                .run(context -> assertThat(context.getBean(SchemaWaitOnStart.class)).isSameAs(mine));
    }

    @Test
    void anAotProcessedApplicationKeepsTheWaitAndWaitsWhenThePropertyIsSetAtRunTime() {
        runner.withPropertyValues(MsrModeCondition.AOT_PROCESSING + "=true", "msr.verify.wait-on-start=10s")
                .withBean(Msr.class, WaitOnStartTest::jobFinishingAfterThreeReadings).withBean(SchemaUser.class)
                .run(context -> assertThat(context.getBean(SchemaUser.class).statusWhenCreated)
                        .isEqualTo(SchemaState.Status.UP));
    }

    @Test
    void anAotProcessedApplicationDoesNotWaitWithoutThePropertyAtRunTime() {
        runner.withPropertyValues(MsrModeCondition.AOT_PROCESSING + "=true")
                .withBean(Msr.class, () -> new ScriptedMsr(() -> ScriptedMsr.pending(2)))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SchemaWaitOnStart.class));
    }

    @Test
    void anAotProcessedApplicationDoesNotWaitOutsideVerifyMode() {
        MsrMigrationStrategy nothing = msr -> { };
        runner.withPropertyValues(MsrModeCondition.AOT_PROCESSING + "=true", "msr.verify.wait-on-start=200ms",
                        "msr.mode=migrate-on-start")
                .withBean(Msr.class, () -> new ScriptedMsr(() -> ScriptedMsr.pending(2)))
                .withBean(MsrMigrationStrategy.class, () -> nothing)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SchemaWaitOnStart.class));
    }

    /** A database user, as a JPA repository would be: created after database initialisation. */
    @DependsOnDatabaseInitialization
    static final class SchemaUser {
        final SchemaState.Status statusWhenCreated;

        SchemaUser(SchemaMonitor monitor) {
            this.statusWhenCreated = monitor.current().status();
        }
    }
}
