package io.msr.boot.autoconfigure;

import io.msr.Msr;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The beans behind each {@code msr.mode}. */
final class MsrModeConfigurations {

    private MsrModeConfigurations() {
    }

    /** Verify mode: the schema monitor that health, endpoint and metrics read. */
    @Configuration(proxyBeanMethods = false)
    @Conditional({MsrModeCondition.Verify.class, MigrationDatabaseCondition.class})
    static final class Verify {

        @Bean
        @ConditionalOnMissingBean
        SchemaMonitor msrSchemaMonitor(Msr msr, MsrProperties properties) {
            return new SchemaMonitor(msr, properties.getVerify());
        }
    }

    /**
     * Migrate-on-start mode: migrates (or runs the {@link MsrMigrationStrategy} bean) while the context starts;
     * database-dependent beans wait for it.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional({MsrModeCondition.MigrateOnStart.class, MigrationDatabaseCondition.class})
    @ConditionalOnClass(DatabaseInitializationDependencyConfigurer.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static final class MigrateOnStart {

        @Bean
        @ConditionalOnMissingBean
        MigrateOnStartInitializer msrMigrateOnStartInitializer(Msr msr, ObjectProvider<MsrMigrationStrategy> strategy) {
            return new MigrateOnStartInitializer(msr, strategy.getIfAvailable(() -> Msr::migrate));
        }
    }

    /**
     * One-shot modes: run the operation once the context is refreshed, before any runner, then exit. No
     * lifecycle bean is started (no web server, no message listener container, no scheduler).
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional({MsrModeCondition.OneShot.class, MigrationDatabaseCondition.class})
    static final class OneShot {

        @Bean
        @ConditionalOnMissingBean
        OneShotExit msrOneShotExit() {
            return OneShotExit.SYSTEM;
        }

        @Bean
        OneShotRunner msrOneShotRunner(Msr msr, MsrProperties properties, OneShotExit exit) {
            return new OneShotRunner(msr, properties, new OneShotReport(properties), exit);
        }

        @Bean
        static SchedulingSuppressor msrOneShotSchedulingSuppressor() {
            return new SchedulingSuppressor();
        }

        @Bean(name = "lifecycleProcessor")
        static LifecycleProcessor msrOneShotLifecycleProcessor() {
            return new DormantLifecycleProcessor();
        }
    }
}
