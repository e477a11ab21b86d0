package io.msr.boot.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import javax.sql.DataSource;

/**
 * Matches when MSR has a database: {@code msr.datasource.url}, other {@code msr.datasource.*} parts together
 * with {@code spring.datasource.url}, a DataSource bean or an {@link MsrConnectionDetails} bean. Evaluated when beans are registered, after the
 * DataSource auto-configuration.
 */
class MigrationDatabaseCondition extends SpringBootCondition implements ConfigurationCondition {

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return available(context) ? ConditionOutcome.match("MSR has a database")
                : ConditionOutcome.noMatch("no DataSource bean, no MsrConnectionDetails bean and no msr.datasource.url");
    }

    static boolean available(ConditionContext context) {
        Environment environment = context.getEnvironment();
        if (environment.getProperty("msr.datasource.url") != null) {
            return true;
        }
        boolean ownCredentials = environment.getProperty("msr.datasource.username") != null
                || environment.getProperty("msr.datasource.password") != null;
        if (ownCredentials && environment.getProperty("spring.datasource.url") != null) {
            return true;
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        return beanFactory != null && (beanFactory.getBeanNamesForType(DataSource.class, true, false).length > 0
                || beanFactory.getBeanNamesForType(MsrConnectionDetails.class, true, false).length > 0);
    }

    /**
     * Matches when {@code msr.mode} needs no database ({@link MsrMode#needsDatabase()}) or has one. While Spring AOT
     * processes the application it matches: the mode is decided when the application runs.
     */
    public static final class WhenNeeded extends SpringBootCondition implements ConfigurationCondition {

        @Override
        public ConfigurationPhase getConfigurationPhase() {
            return ConfigurationPhase.REGISTER_BEAN;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (Boolean.parseBoolean(context.getEnvironment().getProperty(MsrModeCondition.AOT_PROCESSING))) {
                return ConditionOutcome.match("msr.mode is decided when the AOT-processed application runs");
            }
            MsrMode mode = MsrModeCondition.mode(context.getEnvironment());
            if (mode != null && !mode.needsDatabase()) {
                return ConditionOutcome.match("msr.mode " + mode.propertyValue() + " needs no database");
            }
            return available(context) ? ConditionOutcome.match("MSR has a database")
                    : ConditionOutcome.noMatch("msr.mode needs a database and has none");
        }
    }

    /** Matches when a mode that needs a database has none. */
    public static final class Missing extends SpringBootCondition implements ConfigurationCondition {

        @Override
        public ConfigurationPhase getConfigurationPhase() {
            return ConfigurationPhase.REGISTER_BEAN;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean needs = new MsrModeCondition.NeedsDatabase().getMatchOutcome(context, metadata).isMatch();
            return needs && !available(context) ? ConditionOutcome.match("msr.mode needs a database and has none")
                    : ConditionOutcome.noMatch("a database is available or not needed");
        }
    }
}
