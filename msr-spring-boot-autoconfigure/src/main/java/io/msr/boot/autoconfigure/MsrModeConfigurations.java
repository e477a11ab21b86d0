package io.msr.boot.autoconfigure;

import io.msr.Msr;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

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
        MigrateOnStartInitializer msrMigrateOnStartInitializer(Msr msr, MsrProperties properties,
                ObjectProvider<MsrMigrationStrategy> strategy) {
            return new MigrateOnStartInitializer(msr, properties.getMode(),
                    strategy.getIfAvailable(() -> Msr::migrate));
        }
    }

    /**
     * One-shot modes: the operation runs as a database initializer during the refresh, and a launched
     * application exits from there (see {@link OneShotInitializer}); no {@code @Scheduled} bean is created.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional({MsrModeCondition.OneShot.class, MigrationDatabaseCondition.class})
    static final class OneShot {

        @Bean
        @Lazy(false)
        OneShotInitializer msrOneShotInitializer(Msr msr, MsrProperties properties) {
            OneShotRunner runner = new OneShotRunner(msr, properties, new OneShotReport(properties));
            return new OneShotInitializer(properties.getMode(), runner, OneShotExit.SYSTEM,
                    ApplicationLaunch::insideTest);
        }

        @Bean
        OneShotResult msrOneShotResult(OneShotInitializer initializer) {
            return initializer.result();
        }

        @Bean
        static SchedulingSuppressor msrOneShotSchedulingSuppressor() {
            return new SchedulingSuppressor();
        }

        /** Orders database-initialisation-aware beans after the operation (spring-boot-sql is optional). */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(DatabaseInitializationDependencyConfigurer.class)
        @Import(DatabaseInitializationDependencyConfigurer.class)
        static final class DatabaseInitialization {
        }
    }
}
