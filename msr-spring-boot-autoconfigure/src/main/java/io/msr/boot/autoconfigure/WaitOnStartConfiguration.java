package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.boot.autoconfigure.verify.SchemaWaitOnStart;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.time.Duration;

/**
 * Verify mode with {@code msr.verify.wait-on-start}: database initialisation waits for the migration Job. The
 * configurer imported here orders beans that depend on database initialisation after {@link SchemaWaitOnStart}.
 * Like the mode, the property is read when the application runs: an AOT-processed application keeps the wait
 * whatever the build's settings, and it waits only in verify mode with the property set.
 */
@Configuration(proxyBeanMethods = false)
@Conditional({MsrModeCondition.Verify.class, MigrationDatabaseCondition.class,
        WaitOnStartConfiguration.WaitOnStartSet.class})
@ConditionalOnClass(DatabaseInitializationDependencyConfigurer.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
final class WaitOnStartConfiguration {

    /** The longest pause between two reads while waiting: the Job's end shows within a second. */
    static final Duration MAX_POLL = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnMissingBean
    SchemaWaitOnStart msrSchemaWaitOnStart(SchemaMonitor monitor, MsrProperties properties) {
        MsrProperties.Verify verify = properties.getVerify();
        Duration poll = verify.getRefreshInterval().compareTo(MAX_POLL) < 0 ? verify.getRefreshInterval() : MAX_POLL;
        Duration timeout = properties.getMode() == MsrMode.VERIFY ? verify.getWaitOnStart() : null;
        return new SchemaWaitOnStart(monitor, timeout, poll);
    }

    /** The property is set, or Spring AOT processes the application (which must keep the bean for run time). */
    static final class WaitOnStartSet extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (Boolean.parseBoolean(context.getEnvironment().getProperty(MsrModeCondition.AOT_PROCESSING))) {
                return ConditionOutcome.match("msr.verify.wait-on-start is read when the AOT-processed application"
                        + " runs: the wait is kept");
            }
            return context.getEnvironment().getProperty("msr.verify.wait-on-start") != null
                    ? ConditionOutcome.match("msr.verify.wait-on-start is set")
                    : ConditionOutcome.noMatch("msr.verify.wait-on-start is not set");
        }
    }
}
