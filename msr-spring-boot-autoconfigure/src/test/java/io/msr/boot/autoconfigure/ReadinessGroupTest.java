package io.msr.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify mode puts {@code msr} into the readiness group from an environment post-processor, before it knows which
 * beans will exist: these run a whole SpringApplication (the post-processor included) for each case where that
 * could name a missing contributor, and check startup never fails because of it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadinessGroupTest {

    private static final String UNREACHABLE = "msr.datasource.url=jdbc:postgresql://127.0.0.1:1/unreachable";

    private static void run(Consumer<ConfigurableApplicationContext> check, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off", "msr.locations=classpath:db/none",
                "msr.verify.refresh-interval=1h", "spring.jmx.enabled=true",
                "management.endpoints.jmx.exposure.include=health"));
        all.addAll(List.of(properties));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ActuatorApp.class)
                .web(WebApplicationType.NONE).properties(all.toArray(String[]::new)).run()) {
            check.accept(context);
        }
    }

    private static HealthEndpointGroup readiness(ConfigurableApplicationContext context) {
        return context.getBean(HealthEndpointGroups.class).get("readiness");
    }

    @Test
    void addsMsrNextToReadinessStateByDefault() {
        run(context -> {
            assertThat(readiness(context).isMember("msr")).isTrue();
            assertThat(readiness(context).isMember("readinessState")).isTrue();
            assertThat(readiness(context).isMember("livenessState")).isFalse();
        }, UNREACHABLE);
    }

    @Test
    void startsWithoutMsrInTheGroupWhenItsIndicatorIsDisabled() {
        run(context -> {
            assertThat(context.containsBean("msrHealthIndicator")).isFalse();
            assertThat(readiness(context).isMember("msr")).isFalse();
            assertThat(readiness(context).isMember("readinessState")).isTrue();
        }, UNREACHABLE, "management.health.msr.enabled=false");
    }

    @Test
    void startsWithoutMsrInTheGroupWhenDefaultIndicatorsAreDisabled() {
        run(context -> assertThat(readiness(context).isMember("msr")).isFalse(), UNREACHABLE,
                "management.health.defaults.enabled=false");
    }

    @Test
    void addsMsrWhenItIsEnabledExplicitlyWhileDefaultIndicatorsAreDisabled() {
        run(context -> assertThat(readiness(context).isMember("msr")).isTrue(), UNREACHABLE,
                "management.health.defaults.enabled=false", "management.health.msr.enabled=true");
    }

    @Test
    void definesNoReadinessGroupWhenProbesAreDisabled() {
        run(context -> {
            assertThat(readiness(context)).isNull();
            assertThat(context.containsBean("msrHealthIndicator")).isTrue();
        }, UNREACHABLE, "management.endpoint.health.probes.enabled=false");
    }

    @Test
    void startsWithoutADatabaseAndReportsMsrAsUnknown() {
        run(context -> {
            assertThat(context.containsBean("msr")).isFalse();
            assertThat(readiness(context).isMember("msr")).isTrue();
            var health = context.getBean("msrHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails().get("reason").toString()).contains("no DataSource");
        });
    }

    @Test
    void leavesAGroupTheApplicationConfiguredAloneAndSaysOnceHowToAddMsr(CapturedOutput output) {
        run(context -> {
            assertThat(readiness(context).isMember("msr")).isFalse();
            assertThat(readiness(context).isMember("readinessState")).isTrue();
        }, UNREACHABLE, "management.endpoint.health.group.readiness.include=readinessState");
        String hint = "management.endpoint.health.group.readiness.include=readinessState,msr";
        assertThat(output.getOut()).containsOnlyOnce(hint);
    }

    @Test
    void saysNothingWhenTheApplicationsGroupIncludesMsr(CapturedOutput output) {
        run(context -> assertThat(readiness(context).isMember("msr")).isTrue(), UNREACHABLE,
                "management.endpoint.health.group.readiness.include=readinessState,msr");
        assertThat(output.getOut()).doesNotContain("does not include msr");
    }

    @Test
    void addsNothingInOneShotOrOtherModes() {
        run(context -> assertThat(readiness(context).isMember("msr")).isFalse(), "msr.mode=none");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({EndpointAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
            HealthContributorAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
            AvailabilityProbesAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class,
            MsrAutoConfiguration.class, MsrActuatorAutoConfiguration.class})
    static class ActuatorApp {
    }
}
