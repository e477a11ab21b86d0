package io.msr.boot.autoconfigure;

import io.msr.PhaseSelection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** msr.phase: what each mode applies by default, and the value set as a property or as MSR_PHASE. */
class PhasePropertiesTest {

    private static PhaseSelection phase(Map<String, Object> environment, Map<String, Object> properties) {
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", environment));
        spring.getPropertySources().addFirst(new MapPropertySource("args", properties));
        MsrProperties bound = new Binder(ConfigurationPropertySources.get(spring)).bind("msr", MsrProperties.class)
                .orElseGet(MsrProperties::new);
        return SettingsFromProperties.toSettings(bound).phase();
    }

    private static PhaseSelection phase(String... keysAndValues) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return phase(Map.of(), properties);
    }

    @Test
    void theMigrateJobAppliesThePreDeployPhaseByDefault() {
        assertThat(phase("msr.mode", "migrate")).isEqualTo(PhaseSelection.PRE_DEPLOY);
    }

    @Test
    void migrateOnStartAndDryRunsApplyEveryPhaseByDefault() {
        assertThat(phase("msr.mode", "migrate-on-start")).isEqualTo(PhaseSelection.ALL);
        assertThat(phase("msr.mode", "migrate", "msr.dry-run", "true")).isEqualTo(PhaseSelection.ALL);
    }

    @Test
    void anExplicitPhaseWinsInTheModesThatMigrate() {
        assertThat(phase("msr.mode", "migrate", "msr.phase", "post-deploy")).isEqualTo(PhaseSelection.POST_DEPLOY);
        assertThat(phase("msr.mode", "migrate", "msr.phase", "all")).isEqualTo(PhaseSelection.ALL);
        assertThat(phase("msr.mode", "migrate", "msr.dry-run", "true", "msr.phase", "post-deploy"))
                .as("a dry run of the post-deploy Job").isEqualTo(PhaseSelection.POST_DEPLOY);
        assertThat(phase("msr.mode", "migrate-on-start", "msr.phase", "pre-deploy")).isEqualTo(PhaseSelection.PRE_DEPLOY);
    }

    @Test
    void theModesThatOnlyReadConsiderEveryPhase() {
        for (String mode : new String[] {"verify", "validate", "info"}) {
            assertThat(phase("msr.mode", mode, "msr.phase", "post-deploy")).as(mode).isEqualTo(PhaseSelection.ALL);
        }
    }

    @Test
    void theEnvironmentVariableWorksAsTheProperty() {
        assertThat(phase(Map.of("MSR_PHASE", "post-deploy", "MSR_MODE", "migrate"), Map.of()))
                .isEqualTo(PhaseSelection.POST_DEPLOY);
    }
}
