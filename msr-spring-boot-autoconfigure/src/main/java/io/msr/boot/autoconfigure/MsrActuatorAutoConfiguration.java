package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.observation.MsrMeters;
import io.msr.boot.autoconfigure.observation.MsrObservations;
import io.msr.boot.autoconfigure.observation.MsrObservationConvention;
import io.msr.boot.autoconfigure.observation.ObservationMigrationListener;
import io.msr.boot.autoconfigure.observation.MicrometerMigrationListener;
import io.msr.boot.autoconfigure.observation.MsrTimerBuckets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.msr.Msr;
import io.msr.boot.autoconfigure.endpoint.LastOperation;
import io.msr.boot.autoconfigure.endpoint.MsrEndpoint;
import io.msr.boot.autoconfigure.verify.MsrHealthIndicator;
import io.msr.boot.autoconfigure.verify.ReadinessGroupCheck;
import io.msr.boot.autoconfigure.verify.SchemaMetrics;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator integration of MSR: the {@code msr} health indicator (verify mode), the {@code msr} endpoint (every mode
 * with an engine) and Micrometer meters
 * (gauges in verify mode, timers in every mode), and Micrometer observations of each run (MSR's timers and, with a
 * tracer, spans). Each part backs off when its library is absent.
 */
@AutoConfiguration(after = MsrAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"},
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@Conditional(MsrModeCondition.Enabled.class)
public final class MsrActuatorAutoConfiguration {

    MsrActuatorAutoConfiguration() {
    }

    /** The {@code msr} health indicator, over verify mode's cached state. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBean(SchemaMonitor.class)
    @ConditionalOnEnabledHealthIndicator("msr")
    static final class Health {

        @Bean
        @ConditionalOnMissingBean(name = "msrHealthIndicator")
        MsrHealthIndicator msrHealthIndicator(SchemaMonitor monitor) {
            return new MsrHealthIndicator(monitor);
        }
    }

    /**
     * Verify mode without a database (so without a schema monitor): the {@code msr} indicator still exists, reporting
     * UNKNOWN with the reason, so that a readiness group naming it never fails startup.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnMissingBean(SchemaMonitor.class)
    @Conditional(MsrModeCondition.Verify.class)
    @ConditionalOnEnabledHealthIndicator("msr")
    static final class NoDatabaseHealth {

        @Bean
        @ConditionalOnMissingBean(name = "msrHealthIndicator")
        HealthIndicator msrHealthIndicator() {
            return () -> org.springframework.boot.health.contributor.Health.unknown().withDetail("reason",
                    "MSR has no database to verify: no DataSource and no msr.datasource.url").build();
        }
    }

    /** Says how to add {@code msr} to a readiness group the application configured without it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthEndpointGroups.class)
    @Conditional(MsrModeCondition.Verify.class)
    @ConditionalOnEnabledHealthIndicator("msr")
    static final class ReadinessGroup {

        @Bean
        @ConditionalOnMissingBean
        ReadinessGroupCheck msrReadinessGroupCheck(ObjectProvider<HealthEndpointGroups> groups) {
            return new ReadinessGroupCheck(groups);
        }
    }

    /** The {@code msr} endpoint, in every mode that has an engine. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnBean(Msr.class)
    @ConditionalOnAvailableEndpoint(MsrEndpoint.class)
    static final class Endpoints {

        @Bean
        @ConditionalOnMissingBean
        LastOperation msrLastOperation() {
            return new LastOperation();
        }

        @Bean
        @ConditionalOnMissingBean
        MsrEndpoint msrEndpoint(Msr msr, ObjectProvider<SchemaMonitor> monitor, LastOperation lastOperation) {
            SchemaMonitor verify = monitor.getIfAvailable();
            return verify != null ? new MsrEndpoint(verify) : new MsrEndpoint(msr, lastOperation);
        }
    }

    /** Micrometer meters: verify mode's gauges, the buckets of the observations' timers, the deprecated timers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static final class Metrics {

        @Bean
        @ConditionalOnMissingBean
        MsrTimerBuckets msrTimerBuckets() {
            return new MsrTimerBuckets();
        }

        /** The deprecated timers of {@link MsrMeters}, for one more release. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "msr.metrics.deprecated-timers.enabled", matchIfMissing = true)
        MicrometerMigrationListener msrMicrometerMigrationListener(MeterRegistry registry) {
            return new MicrometerMigrationListener(registry);
        }

        @Bean
        @ConditionalOnBean(SchemaMonitor.class)
        @ConditionalOnMissingBean
        SchemaMetrics msrSchemaMetrics(SchemaMonitor monitor) {
            return new SchemaMetrics(monitor);
        }
    }

    /**
     * Micrometer observations of each run, with the lock wait and each migration as children ({@link MsrObservations}):
     * Spring Boot's handlers make MSR's timers of them and, with a tracer, spans.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    @ConditionalOnBean(ObservationRegistry.class)
    static final class Observations {

        @Bean
        @ConditionalOnMissingBean
        ObservationMigrationListener msrObservationMigrationListener(ObservationRegistry registry,
                ObjectProvider<MsrObservationConvention> conventions) {
            return new ObservationMigrationListener(registry, conventions.orderedStream().toList());
        }
    }

    /**
     * MSR's timers without an {@code ObservationRegistry} (Spring Boot's observation auto-configuration excluded, a
     * context of the application's own): the same observations go to a registry of MSR's own whose one handler is the
     * meter handler, so that the timers are the same with or without one. Spring Boot's handler bean is used when
     * there is one ({@code management.metrics.observations.ignored-meters} applies). No spans: those need the
     * application's registry and its tracer.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, ObservationRegistry.class})
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean(ObservationRegistry.class)
    static final class ObservationTimers {

        @Bean
        @ConditionalOnMissingBean
        ObservationMigrationListener msrObservationMigrationListener(MeterRegistry meters,
                ObjectProvider<DefaultMeterObservationHandler> handler,
                ObjectProvider<MsrObservationConvention> conventions) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig()
                    .observationHandler(handler.getIfAvailable(() -> new DefaultMeterObservationHandler(meters)));
            return new ObservationMigrationListener(registry, conventions.orderedStream().toList());
        }
    }
}
