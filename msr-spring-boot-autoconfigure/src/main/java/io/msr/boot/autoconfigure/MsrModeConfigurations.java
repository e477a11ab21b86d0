package io.msr.boot.autoconfigure;

import io.msr.CheckSettings;
import io.msr.Msr;
import io.msr.MsrResult;
import io.msr.MsrSettings;
import io.msr.boot.autoconfigure.oneshot.ApplicationLaunch;
import io.msr.boot.autoconfigure.oneshot.MigrationInProgress;
import io.msr.boot.autoconfigure.oneshot.OneShotExit;
import io.msr.boot.autoconfigure.oneshot.OneShotInitializer;
import io.msr.boot.autoconfigure.oneshot.OneShotInputs;
import io.msr.boot.autoconfigure.oneshot.OneShotReport;
import io.msr.boot.autoconfigure.oneshot.OneShotRunner;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

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
        SchemaMonitor msrSchemaMonitor(Msr msr, MsrProperties properties,
                ObjectProvider<MsrSchemaSource> schemaSource) {
            return new SchemaMonitor(msr, SettingsFromProperties.verify(properties.getVerify()),
                    java.time.Clock.systemUTC(), properties.getDrift().isEnabled(),
                    SettingsFromProperties.targetSchemas(properties, schemaSource));
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
                ObjectProvider<MsrMigrationStrategy> strategy, ObjectProvider<MsrSchemaSource> schemaSource) {
            MsrMigrationStrategy migrate = SettingsFromProperties.targetSchemas(properties, schemaSource)::migrate;
            return new MigrateOnStartInitializer(msr, properties.getMode(), strategy.getIfAvailable(() -> migrate));
        }
    }

    /**
     * One-shot modes: the operation of {@code msr.mode} ({@link MsrMode#operation()}, run as
     * {@code oneshot.OneShotOperation} says) runs as a database initializer during the refresh, and a launched
     * application exits from there (see {@link OneShotInitializer}); no {@code @Scheduled} bean is created. The
     * properties reach the one-shot package as plain values ({@link SettingsFromProperties}). A mode that needs no
     * database ({@code check}) runs whether or not one is configured and never connects: the engine is made only for
     * an operation that needs it (beans are lazy in one-shot modes, and the initializer runs before anything that
     * uses the database).
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional({MsrModeCondition.OneShot.class, MigrationDatabaseCondition.WhenNeeded.class})
    static final class OneShot {

        /** A listener of the engine: names the migration in progress should the heap run out. */
        @Bean
        MigrationInProgress msrMigrationInProgress() {
            return new MigrationInProgress();
        }

        @Bean
        @Lazy(false)
        OneShotInitializer msrOneShotInitializer(ObjectProvider<Msr> msr, MsrProperties properties,
                Environment environment, ObjectProvider<MsrSchemaSource> schemaSource, MigrationInProgress progress,
                ObjectProvider<MsrSettingsCustomizer> customizers, ResourceLoader resourceLoader) {
            OneShotInputs inputs = new OneShotInputs(SettingsFromProperties.oneShot(properties), msr::getObject, () -> {
                MsrSettings.Builder settings = SettingsFromProperties.toSettings(properties).toBuilder();
                customizers.orderedStream().forEach(customizer -> customizer.customize(settings));
                return new CheckSettings(settings.build(), null, null, resourceLoader.getClassLoader());
            });
            OneShotReport report = new OneShotReport(SettingsFromProperties.oneShotReport(properties), environment);
            OneShotRunner runner = new OneShotRunner(inputs, report,
                    SettingsFromProperties.targetSchemas(properties, schemaSource), progress);
            return new OneShotInitializer(runner, OneShotExit.SYSTEM, ApplicationLaunch::insideTest,
                    properties.getShutdownTimeout());
        }

        /** The result of the one-shot operation that ran inside a test, or null (see {@link OneShotResult}). */
        @Bean
        @Nullable OneShotResult msrOneShotResult(OneShotInitializer initializer, MsrProperties properties) {
            MsrResult result = initializer.result();
            return result == null ? null : new OneShotResult(properties.getMode(), result.exitCode().code(), result);
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
