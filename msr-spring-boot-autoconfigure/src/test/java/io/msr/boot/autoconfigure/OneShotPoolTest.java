package io.msr.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** A one-shot Job opens the sessions it uses, not the application's pool; verify mode keeps the pool as configured. */
class OneShotPoolTest {

    private static final String MINIMUM_IDLE = "spring.datasource.hikari.minimum-idle";

    @Test
    void aOneShotModeKeepsNoIdleConnectionsWhateverThePoolSays() {
        assertThat(postProcessed("migrate").getProperty(MINIMUM_IDLE)).isEqualTo("0");
        assertThat(postProcessed("down").getProperty(MINIMUM_IDLE)).isEqualTo("0");
    }

    @Test
    void verifyModeKeepsThePoolAsConfigured() {
        assertThat(postProcessed("verify").getProperty(MINIMUM_IDLE)).isEqualTo("10");
        assertThat(postProcessed("migrate-on-start").getProperty(MINIMUM_IDLE)).isEqualTo("10");
    }

    private static MockEnvironment postProcessed(String mode) {
        MockEnvironment environment = new MockEnvironment().withProperty("msr.mode", mode)
                .withProperty(MINIMUM_IDLE, "10");
        new MsrEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
