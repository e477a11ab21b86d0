package io.msr.boot.autoconfigure;

import io.msr.AdoptFrom;
import io.msr.MigrationNaming;
import io.msr.MsrSettings;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** msr.naming, msr.adopt-from and msr.adopt-table reach the engine. */
@WithPostgres
class AdoptionPropertiesTest {

    private final ApplicationContextRunner runner;

    AdoptionPropertiesTest(TestDatabase db) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.locations=classpath:db/none");
    }

    @Test
    void bindsTheNamingLayoutAndTheHistoryToAdopt() {
        runner.withPropertyValues("msr.naming=golang-migrate", "msr.adopt-from=golang-migrate",
                "msr.adopt-table=legacy_migrations").run(context -> {
                    MsrSettings settings = SettingsFromProperties.toSettings(context.getBean(MsrProperties.class));
                    assertThat(settings.naming()).isEqualTo(MigrationNaming.GOLANG_MIGRATE);
                    assertThat(settings.adopt().from()).isEqualTo(AdoptFrom.GOLANG_MIGRATE);
                    assertThat(settings.adopt().table()).isEqualTo("legacy_migrations");
                });
    }

    @Test
    void defaultsToMsrNamesAndAdoptsNothing() {
        runner.run(context -> {
            MsrSettings settings = SettingsFromProperties.toSettings(context.getBean(MsrProperties.class));
            assertThat(settings.naming()).isEqualTo(MigrationNaming.MSR);
            assertThat(settings.adopt().from()).isEqualTo(AdoptFrom.NONE);
            assertThat(settings.adopt().tableOrDefault()).isNull();
        });
    }
}
