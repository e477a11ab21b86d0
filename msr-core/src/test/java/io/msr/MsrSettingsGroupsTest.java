package io.msr;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The grouped settings: the builder's one-value setters and its group setters describe the same settings. */
class MsrSettingsGroupsTest {

    @Test
    void theDefaultsOfEachGroupAreTheDefaultsOfTheSettings() {
        MsrSettings defaults = MsrSettings.defaults();
        assertThat(defaults.lock()).isEqualTo(LockSettings.defaults());
        assertThat(defaults.postgres()).isEqualTo(PostgresSettings.defaults());
        assertThat(defaults.lint()).isEqualTo(LintSettings.defaults());
        assertThat(defaults.placeholders()).isEqualTo(PlaceholderSettings.defaults());
        assertThat(defaults.adopt()).isEqualTo(AdoptSettings.defaults());
    }

    @Test
    void oneValueSettersAndGroupSettersBuildEqualSettings() {
        MsrSettings oneByOne = MsrSettings.builder().lockEnabled(false).lockWaitTimeout(Duration.ofMinutes(2))
                .lockTimeout(Duration.ofSeconds(5)).statementTimeout(Duration.ofMinutes(1))
                .deadClientTimeout(Duration.ofSeconds(10)).lintEnabled(false).lintDisabledRules(Set.of("drop-column"))
                .lintEnabledRules(Set.of("prefer-text")).lintPostgresVersion(11)
                .placeholders(Map.of("tenant", "acme")).placeholderReplacement(false)
                .secretPlaceholders(Set.of("tenant")).adoptFrom(AdoptFrom.LIQUIBASE).adoptTable("changelog")
                .baselineVersion(Version.parse("3")).build();
        MsrSettings grouped = MsrSettings.builder().lock(new LockSettings(false, Duration.ofMinutes(2)))
                .postgres(new PostgresSettings(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(10)))
                .lint(new LintSettings(false, Set.of("drop-column"), Set.of("prefer-text"), 11))
                .placeholders(new PlaceholderSettings(Map.of("tenant", "acme"), false, Set.of("tenant")))
                .adopt(new AdoptSettings(AdoptFrom.LIQUIBASE, "changelog", Version.parse("3"))).build();

        assertThat(grouped).isEqualTo(oneByOne);
        assertThat(grouped.toBuilder().build()).isEqualTo(grouped);
        assertThat(grouped.lock().waitTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(grouped.adopt().tableOrDefault()).isEqualTo("changelog");
    }

    @Test
    void valuesThatDependOnEachOtherAreCheckedWhenBuiltWhateverTheOrderOfTheSetters() {
        MsrSettings settings = MsrSettings.builder().adoptFrom(AdoptFrom.LIQUIBASE).baselineVersion(Version.parse("1"))
                .build();
        assertThat(settings.adopt().baselineVersion()).isEqualTo(Version.parse("1"));
        assertThatThrownBy(() -> MsrSettings.builder().adoptFrom(AdoptFrom.LIQUIBASE).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("msr.adopt-from=liquibase needs msr.baseline-version");
    }

    @Test
    void eachGroupRefusesItsValuesWithTheMessagesTheSettingsGive() {
        assertThatThrownBy(() -> MsrSettings.builder().lockWaitTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("The lock wait timeout PT-1S is negative.");
        assertThatThrownBy(() -> new LockSettings(true, Duration.ofSeconds(-1)))
                .hasMessage("The lock wait timeout PT-1S is negative.");
        assertThatThrownBy(() -> new PostgresSettings(Duration.ofSeconds(-1), null, Duration.ZERO))
                .hasMessage("The PostgreSQL lock and statement timeouts must not be negative.");
        assertThatThrownBy(() -> MsrSettings.builder().deadClientTimeout(Duration.ofSeconds(1)).build())
                .hasMessage("msr.postgres.dead-client-timeout is PT1S; give at least 3s (30s is the default), or 0 to"
                        + " leave the server's TCP keepalive settings alone.");
        assertThatThrownBy(() -> MsrSettings.builder().lintPostgresVersion(8).build())
                .hasMessage("msr.lint.postgres-version is 8; give a PostgreSQL major version such as 16, or leave it"
                        + " unset for the server's.");
        assertThatThrownBy(() -> MsrSettings.builder().placeholders(Map.of("Tenant", "a", "tenant", "b")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("differ only in case");
        assertThatThrownBy(() -> MsrSettings.builder().adoptTable("no such").build())
                .hasMessageStartingWith("msr.adopt-table 'no such' is not a plain SQL identifier");
    }
}
