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
        MsrSettings settings = properties.toSettings();
        assertThat(settings.lintEnabledRules()).containsExactlyInAnyOrder("prefer-bigint", "prefer-text");
        assertThat(settings.lintDisabledRules()).containsExactly("drop-column");
        assertThat(settings.lintPostgresVersion()).isEqualTo(11);
    }

    @Test
    void leavesThePostgresVersionToTheServerByDefault() {
        MsrSettings settings = new MsrProperties().toSettings();
        assertThat(settings.lintPostgresVersion()).isNull();
        assertThat(settings.lintEnabledRules()).isEmpty();
        assertThat(settings.lockTimeout()).hasSeconds(3);
    }
}
