package io.msr.boot.autoconfigure;

import io.msr.CheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** msr.mode=check runs the offline check with no database at all, and without touching a configured one. */
class CheckModeTest {

    @TempDir
    Path migrations;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("msr.mode=check", "msr.locations=filesystem:" + migrations,
                        "msr.summary-path=" + migrations.resolve("out/summary.json"),
                        "msr.termination-message-path=" + migrations.resolve("none"));
    }

    @Test
    void checksWithoutAnyDatabase() throws Exception {
        Files.writeString(migrations.resolve("V1_create_t.up.sql"), "create table t (id int);");

        runner().run(context -> {
            assertThat(context).hasNotFailed();
            CheckResult result = context.getBean(OneShotResult.class).result(CheckResult.class);
            assertThat(result.passed()).isTrue();
            assertThat(result.migrations()).isEqualTo(1);
        });
        assertThat(Files.readString(migrations.resolve("out/summary.json"))).startsWith("{\"passed\":true");
    }

    @Test
    void failsOnErrorsAndNeverOpensTheConfiguredDataSource() throws Exception {
        Files.writeString(migrations.resolve("V1 create t.up.sql"), "create table t (id int);");

        runner().withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("msr.mode=check ended with exit code 2");
        });
        assertThat(Files.readString(migrations.resolve("out/summary.json"))).contains("\"code\":\"MALFORMED_NAME\"");
    }
}
