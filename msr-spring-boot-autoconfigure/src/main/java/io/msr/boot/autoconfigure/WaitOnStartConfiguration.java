package io.msr.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

/**
 * Verify mode with {@code msr.verify.wait-on-start}: database initialisation waits for the migration Job. The
 * configurer imported here orders beans that depend on database initialisation after {@link SchemaWaitOnStart}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional({MsrModeCondition.Verify.class, MigrationDatabaseCondition.class})
@ConditionalOnProperty("msr.verify.wait-on-start")
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
        return new SchemaWaitOnStart(monitor, verify.getWaitOnStart(), poll);
    }
}
