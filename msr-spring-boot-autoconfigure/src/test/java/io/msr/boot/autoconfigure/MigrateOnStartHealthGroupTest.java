package io.msr.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** A readiness group written for verify mode (naming msr) must not fail a migrate-on-start test's startup. */
class MigrateOnStartHealthGroupTest {

    private static final String VALIDATE = "management.endpoint.health.validate-group-membership";

    @Test
    void migrateOnStartDoesNotValidateHealthGroupMembership() {
        assertThat(postProcessed("migrate-on-start").getProperty(VALIDATE)).isEqualTo("false");
    }

    @Test
    void anExplicitValidationSettingWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("msr.mode", "migrate-on-start")
                .withProperty(VALIDATE, "true");
        new MsrEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(VALIDATE)).isEqualTo("true");
    }

    @Test
    void verifyModeStillValidatesHealthGroupMembership() {
        assertThat(postProcessed("verify").getProperty(VALIDATE)).isNull();
    }

    private static MockEnvironment postProcessed(String mode) {
        MockEnvironment environment = new MockEnvironment().withProperty("msr.mode", mode);
        new MsrEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
