package io.msr.boot.autoconfigure;

import io.msr.ConnectionException;
import io.msr.OperationResult;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.boot.autoconfigure.verify.SchemaState;
import io.msr.test.TcpRelay;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code msr.connect.wait} per mode: one-shot modes and migrate-on-start wait 60s unless told otherwise, through the
 * application's pooled DataSource too; verify mode never blocks startup.
 */
@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class ConnectWaitModeTest {

    @TempDir
    Path migrations;

    private final TestDatabase db;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private TcpRelay relay;
    private ApplicationContextRunner runner;

    ConnectWaitModeTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        String schema = db.freshSchema().name();
        Files.writeString(migrations.resolve("V1_create_t.up.sql"), "create table t (id int);");
        relay = new TcpRelay(db.server().host(), db.server().port());
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:" + relay.port() + "/"
                                + db.name(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema,
                        "spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                        "msr.locations=filesystem:" + migrations,
                        "msr.termination-message-path=" + migrations.resolve("none"));
    }

    @AfterEach
    void tearDown() {
        later.shutdownNow();
        relay.close();
    }

    private static Duration waitIn(MsrMode mode, String wait) {
        MsrProperties properties = new MsrProperties();
        properties.setMode(mode);
        properties.getConnect().setWait(wait == null ? null : Duration.parse(wait));
        return SettingsFromProperties.toSettings(properties).connectWait();
    }

    @Test
    void waitsSixtySecondsInOneShotModesAndMigrateOnStartUnlessSet() {
        for (MsrMode mode : new MsrMode[] {MsrMode.MIGRATE, MsrMode.VALIDATE, MsrMode.INFO, MsrMode.LOCK_STATUS,
                MsrMode.MIGRATE_ON_START}) {
            assertThat(waitIn(mode, null)).as(mode.propertyValue()).isEqualTo(Duration.ofSeconds(60));
        }
        assertThat(waitIn(MsrMode.MIGRATE, "PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(waitIn(MsrMode.MIGRATE, "PT0S")).isZero();
    }

    @Test
    void verifyNeverWaitsEvenWhenAWaitIsSet() {
        assertThat(waitIn(MsrMode.VERIFY, null)).isZero();
        assertThat(waitIn(MsrMode.VERIFY, "PT30S")).isZero();
    }

    @Test
    void bindsTheEnvironmentVariable() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("MSR_CONNECT_WAIT", "90s", "MSR_MODE", "migrate")));
        MsrProperties bound = new Binder(ConfigurationPropertySources.get(environment))
                .bind("msr", MsrProperties.class).get();
        assertThat(SettingsFromProperties.toSettings(bound).connectWait()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void migrateWaitsForTheApplicationsPooledDataSource(CapturedOutput output) {
        // The server closes the first two connections, then lets them through: Hikari's failed pool start counts too.
        relay.listen(TcpRelay.Mode.CLOSE);
        later.scheduleWithFixedDelay(() -> {
            if (relay.connections() >= 2) {
                relay.mode(TcpRelay.Mode.FORWARD);
            }
        }, 10, 10, TimeUnit.MILLISECONDS);
        runner.withPropertyValues("msr.mode=migrate", "msr.connect.wait=30s").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("does not accept connections yet (attempt 1)")
                    .contains("does not accept connections yet (attempt 2)").contains("accepts connections now");
            OneShotResult result = context.getBean(OneShotResult.class);
            assertThat(result.exitCode()).isZero();
            assertThat(result.result(OperationResult.class).executed()).hasSize(1);
        });
    }

    @Test
    void migrateOnStartFailsStartupNamingTheWaitWhenTheDatabaseNeverComes() {
        runner.withPropertyValues("msr.mode=migrate-on-start", "msr.connect.wait=1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("msr.connect.wait=1s").hasMessageContaining("refused");
        });
    }

    @Test
    void verifyStartsAtOnceAndReportsTheUnreachableDatabase() {
        long start = System.nanoTime();
        runner.withPropertyValues("msr.connect.wait=60s").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SchemaMonitor.class).current().status()).isEqualTo(SchemaState.Status.DOWN);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
