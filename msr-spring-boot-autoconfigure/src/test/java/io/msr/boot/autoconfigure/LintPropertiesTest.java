package io.msr.boot.autoconfigure;

import io.msr.MsrSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** msr.lint.* reaches the engine's settings. */
class LintPropertiesTest {

    @Test
    void bindsTheEnabledRulesAndThePostgresVersion() {
        MsrProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "msr.lint.enabled-rules", "prefer-bigint,prefer-text", "msr.lint.postgres-version", "11",
                "msr.lint.disabled-rules", "drop-column"))).bind("msr", MsrProperties.class).get();
        MsrSettings settings = SettingsFromProperties.toSettings(properties);
        assertThat(settings.lint().enabledRules()).containsExactlyInAnyOrder("prefer-bigint", "prefer-text");
        assertThat(settings.lint().disabledRules()).containsExactly("drop-column");
        assertThat(settings.lint().postgresVersion()).isEqualTo(11);
    }

    @Test
    void leavesThePostgresVersionToTheServerByDefault() {
        MsrSettings settings = SettingsFromProperties.toSettings(new MsrProperties());
        assertThat(settings.lint().postgresVersion()).isNull();
        assertThat(settings.lint().enabledRules()).isEmpty();
        assertThat(settings.postgres().lockTimeout()).hasSeconds(3);
    }
}
