package io.msr.boot.autoconfigure;

import io.msr.Msr;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Refuses to start beside Flyway's or Liquibase's migrations ({@link OtherMigrationToolsCheck}), unless
 * {@code msr.allow-other-migration-tools=true} says both are intended. Off with {@code msr.mode=none}.
 */
@AutoConfiguration
@ConditionalOnClass(Msr.class)
@Conditional(MsrModeCondition.Enabled.class)
@ConditionalOnBooleanProperty(name = "msr.allow-other-migration-tools", havingValue = false, matchIfMissing = true)
public final class MsrMigrationToolsAutoConfiguration {

    MsrMigrationToolsAutoConfiguration() {
    }

    @Bean
    static OtherMigrationToolsCheck msrOtherMigrationToolsCheck() {
        return new OtherMigrationToolsCheck();
    }
}
