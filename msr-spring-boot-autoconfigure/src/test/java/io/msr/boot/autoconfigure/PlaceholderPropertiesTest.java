package io.msr.boot.autoconfigure;

import io.msr.MsrSettings;
import io.msr.ValidationException;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** msr.placeholders.* and msr.placeholder-replacement reach the engine, from properties and environment variables. */
@WithPostgres
class PlaceholderPropertiesTest {

    private final TestDatabase db;
    private final ApplicationContextRunner runner;

    PlaceholderPropertiesTest(TestDatabase db) {
        this.db = db;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.locations=classpath:db/none");
    }

    private static ApplicationContextRunner withEnvironment(ApplicationContextRunner runner, Map<String, Object> env) {
        return runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));
    }

    private static MsrSettings settings(ApplicationContext context) {
        return SettingsFromProperties.toSettings(context.getBean(MsrProperties.class));
    }

    @Test
    void bindsSecretPlaceholdersFromAPropertyAndAnEnvironmentVariable() {
        withEnvironment(runner, Map.of("MSR_SECRET_PLACEHOLDERS", "tenant_note,Audit"))
                .run(context -> assertThat(settings(context).placeholders().secretNames())
                        .containsExactlyInAnyOrder("tenant_note", "Audit"));
        runner.withPropertyValues("msr.secret-placeholders=signing")
                .run(context -> assertThat(settings(context).placeholders().secretNames())
                        .containsExactly("signing"));
    }

    @Test
    void bindsPlaceholdersFromPropertiesAndEnvironmentVariables() {
        withEnvironment(runner, Map.of("MSR_PLACEHOLDERS_REGION", "eu", "MSR_PLACEHOLDER_REPLACEMENT", "false"))
                .withPropertyValues("msr.placeholders.tenant=acme", "msr.placeholders[Audit_Schema]=audit")
                .run(context -> {
                    MsrSettings settings = SettingsFromProperties.toSettings(context.getBean(MsrProperties.class));
                    assertThat(settings.placeholders().values()).containsExactlyInAnyOrderEntriesOf(
                            Map.of("tenant", "acme", "Audit_Schema", "audit", "region", "eu"));
                    assertThat(settings.placeholders().replacement()).isFalse();
                });
    }

    @Test
    void anEnvironmentVariableTurnsAnUnderscoreInTheNameIntoADotAsTheReadmeSays() {
        withEnvironment(runner, Map.of("MSR_PLACEHOLDERS_AUDIT_SCHEMA", "audit"))
                .run(context -> assertThat(settings(context).placeholders().values())
                        .containsExactly(Map.entry("audit.schema", "audit")));
    }

    @Test
    void migratesWithThePlaceholderValuesOfTheProperties(@TempDir Path folder) throws Exception {
        String schema = db.freshSchema().name();
        Files.writeString(folder.resolve("V1_greeting.up.sql"), "create table ${msr:schema}.greeting (text text);\n"
                + "insert into ${msr:schema}.greeting values ('hello ${tenant}');");
        runner.withPropertyValues("msr.mode=migrate-on-start", "msr.schema=" + schema,
                        "msr.locations=filesystem:" + folder, "msr.placeholders.tenant=acme")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.queryForObject("select text from " + schema + ".greeting", String.class)).isEqualTo("hello acme");
    }

    @Test
    void anUnknownPlaceholderFailsStartupNamingTheProperty(@TempDir Path folder) throws Exception {
        String schema = db.freshSchema().name();
        Files.writeString(folder.resolve("V1_greeting.up.sql"), "select '${tenant}';");
        runner.withPropertyValues("msr.mode=migrate-on-start", "msr.schema=" + schema,
                        "msr.locations=filesystem:" + folder)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(ValidationException.class)
                        .hasMessageContaining("V1_greeting.up.sql, line 1: placeholder ${tenant} has no value."
                                + " Set msr.placeholders.tenant"));
    }
}
