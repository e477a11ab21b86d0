package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.datasource.DatabaseUrl;
import io.msr.boot.autoconfigure.verify.ReadinessGroupCheck;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepares the environment for MSR, after the application's configuration files are read:
 * <ul>
 *   <li>{@code DATABASE_URL} ({@code postgres://user:password@host/db}) becomes {@code spring.datasource.*} when
 *       {@code spring.datasource.url} is not set, and {@code MSR_DATABASE_URL} becomes {@code msr.datasource.*}
 *       when {@code msr.datasource.url} is not set;</li>
 *   <li>one-shot modes run without a web server and with lazy beans, so that nothing the operation does not
 *       need is created, and with a Hikari pool that keeps no idle connections, so that a Job opens the sessions it
 *       uses (the lock's and the migration's), not the pool's size; when only MSR's own URL is set, the
 *       application's DataSource borrows it;</li>
 *   <li>in verify mode, {@code msr} joins the {@code readiness} health group next to {@code readinessState},
 *       unless the application configures that group itself (then {@link ReadinessGroupCheck} logs how to add it),
 *       probes are off ({@code management.endpoint.health.probes.enabled=false}), or the {@code msr} indicator is
 *       (through {@code management.health.msr.enabled} or {@code management.health.defaults.enabled}). Without a
 *       database the indicator reports UNKNOWN, so the group never names a missing contributor. In
 *       migrate-on-start mode, which has no {@code msr} health contributor, a group naming it does not fail startup
 *       (unless {@code management.endpoint.health.validate-group-membership} is set);</li>
 *   <li>{@code JOB_COMPLETION_INDEX}, which Kubernetes sets in each pod of an Indexed Job, becomes
 *       {@code msr.shard.index} when that is not set, so each pod takes its share of {@code msr.schemas}.</li>
 * </ul>
 */
final class MsrEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS_SOURCE = "msrDefaults";
    static final String OVERRIDES_SOURCE = "msrOneShot";
    private static final String READINESS = "management.endpoint.health.group.readiness";
    /** Set by Kubernetes in each pod of an Indexed Job: the pod's index, the default shard index. */
    static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        mapDatabaseUrl(environment, "DATABASE_URL", "spring.datasource", defaults);
        mapDatabaseUrl(environment, "MSR_DATABASE_URL", "msr.datasource", defaults);
        MsrMode mode = MsrModeCondition.mode(environment);
        if (mode == MsrMode.VERIFY && !readinessGroupConfigured(environment) && probesEnabled(environment)
                && msrHealthEnabled(environment)) {
            defaults.put(READINESS + ".include", "readinessState,msr");
        }
        if (mode == MsrMode.MIGRATE_ON_START) {
            // The readiness group configured for verify mode names msr, which migrate-on-start does not contribute
            // (the schema is current once startup has finished): a missing member must not fail startup.
            defaults.put("management.endpoint.health.validate-group-membership", "false");
        }
        if (mode != null && mode.oneShot()) {
            borrowMigrationUrl(environment, defaults);
        }
        String completionIndex = environment.getProperty(JOB_COMPLETION_INDEX);
        if (completionIndex != null && !completionIndex.isBlank() && environment.getProperty("msr.shard.index") == null) {
            defaults.put("msr.shard.index", completionIndex.strip());
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
        }
        if (mode != null && mode.oneShot()) {
            Map<String, Object> overrides = new LinkedHashMap<>();
            overrides.put("spring.main.web-application-type", "none");
            overrides.put("spring.main.lazy-initialization", "true");
            // Checking health groups would create every health contributor, and with them the application's
            // DataSource, which a one-shot run using msr.datasource.* must not need.
            overrides.put("management.endpoint.health.validate-group-membership", "false");
            // A one-shot run borrows one connection at a time; a pool filling minimum-idle (by default its maximum
            // size) would open the application's whole pool for a Job that needs the lock session and one more.
            overrides.put("spring.datasource.hikari.minimum-idle", "0");
            environment.getPropertySources().addFirst(new MapPropertySource(OVERRIDES_SOURCE, overrides));
        }
    }

    private static void mapDatabaseUrl(ConfigurableEnvironment environment, String variable, String prefix,
            Map<String, Object> target) {
        String value = environment.getProperty(variable);
        if (value == null || value.isBlank() || environment.getProperty(prefix + ".url") != null) {
            return;
        }
        DatabaseUrl url = DatabaseUrl.parse(variable, value);
        target.put(prefix + ".url", url.jdbcUrl());
        if (url.username() != null && environment.getProperty(prefix + ".username") == null) {
            target.put(prefix + ".username", url.username());
        }
        if (url.password() != null && environment.getProperty(prefix + ".password") == null) {
            target.put(prefix + ".password", url.password());
        }
    }

    /**
     * A migration Job often gets only the migration credentials. Some of Spring Boot's eager beans (pool metrics)
     * still create the application's DataSource, which then needs a URL: lend it the migration URL, without the
     * password. MSR itself keeps using its own connections.
     */
    private static void borrowMigrationUrl(ConfigurableEnvironment environment, Map<String, Object> defaults) {
        Object url = defaults.getOrDefault("msr.datasource.url", environment.getProperty("msr.datasource.url"));
        if (url != null && environment.getProperty("spring.datasource.url") == null
                && !defaults.containsKey("spring.datasource.url")) {
            defaults.put("spring.datasource.url", url);
        }
    }

    /** Without probes there is no readiness group and no readinessState to put msr next to. */
    private static boolean probesEnabled(ConfigurableEnvironment environment) {
        return environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class, true);
    }

    /** As ConditionalOnEnabledHealthIndicator decides: a group naming a missing indicator fails startup. */
    private static boolean msrHealthEnabled(ConfigurableEnvironment environment) {
        Boolean msr = environment.getProperty("management.health.msr.enabled", Boolean.class);
        return msr != null ? msr : environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
    }

    private static boolean readinessGroupConfigured(ConfigurableEnvironment environment) {
        return environment.getProperty(READINESS + ".include") != null
                || environment.getProperty(READINESS + ".exclude") != null;
    }
}
