package io.msr.boot.autoconfigure;

import io.msr.CheckSettings;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.boot.autoconfigure.datasource.MigrationDatabaseCondition;
import io.msr.boot.autoconfigure.oneshot.ApplicationLaunch;
import io.msr.boot.autoconfigure.oneshot.CheckModeInitializer;
import io.msr.boot.autoconfigure.oneshot.MigrationInProgress;
import io.msr.boot.autoconfigure.oneshot.OneShotExit;
import io.msr.boot.autoconfigure.oneshot.OneShotInitializer;
import io.msr.boot.autoconfigure.oneshot.OneShotReport;
import io.msr.boot.autoconfigure.oneshot.OneShotRunner;
import io.msr.boot.autoconfigure.oneshot.SchedulingSuppressor;
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

    /**
     * Returns the result of the one-shot operation that ran, or null. An AOT-built application has the initializers
     * of both one-shot configurations (each checks the mode at run time), and one result bean.
     */
    static @Nullable OneShotResult result(ObjectProvider<OneShotInitializer> initializers,
            ObjectProvider<CheckModeInitializer> check) {
        OneShotInitializer operation = initializers.getIfUnique();
        if (operation != null && operation.result() != null) {
            return operation.result();
        }
        CheckModeInitializer offline = check.getIfUnique();
        return offline == null ? null : offline.result();
    }

    /** Verify mode: the schema monitor that health, endpoint and metrics read. */
    @Configuration(proxyBeanMethods = false)
    @Conditional({MsrModeCondition.Verify.class, MigrationDatabaseCondition.class})
    static final class Verify {

        @Bean
        @ConditionalOnMissingBean
        SchemaMonitor msrSchemaMonitor(Msr msr, MsrProperties properties,
                ObjectProvider<MsrSchemaSource> schemaSource) {
            return new SchemaMonitor(msr, properties.getVerify(), java.time.Clock.systemUTC(),
                    properties.getDrift().isEnabled(), TargetSchemas.of(properties, schemaSource));
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
            MsrMigrationStrategy migrate = TargetSchemas.of(properties, schemaSource)::migrate;
            return new MigrateOnStartInitializer(msr, properties.getMode(), strategy.getIfAvailable(() -> migrate));
        }
    }

    /**
     * Check mode: the offline check of the migrations as a one-shot operation that needs no database, so it runs
     * whether or not one is configured and never connects (beans are lazy in one-shot modes, and it runs as a
     * database initializer, before anything that uses the database).
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(MsrModeCondition.Check.class)
    static final class Check {

        @Bean
        @Lazy(false)
        CheckModeInitializer msrCheckInitializer(MsrProperties properties,
                ObjectProvider<MsrSettingsCustomizer> customizers, ResourceLoader resourceLoader,
                Environment environment) {
            OneShotReport report = new OneShotReport(properties, environment);
            OneShotRunner runner = new OneShotRunner(null, properties, report, () -> {
                MsrSettings.Builder settings = SettingsFromProperties.toSettings(properties).toBuilder();
                customizers.orderedStream().forEach(customizer -> customizer.customize(settings));
                return Msr.check(new CheckSettings(settings.build(), null, null, resourceLoader.getClassLoader()));
            });
            MsrMode mode = properties.getMode() == MsrMode.CHECK ? MsrMode.CHECK : MsrMode.NONE;
            return new CheckModeInitializer(new OneShotInitializer(mode, runner, OneShotExit.SYSTEM,
                    ApplicationLaunch::insideTest));
        }

        @Bean
        @ConditionalOnMissingBean(OneShotResult.class)
        OneShotResult msrOneShotResult(ObjectProvider<OneShotInitializer> initializers,
                ObjectProvider<CheckModeInitializer> check) {
            return result(initializers, check);
        }

        @Bean
        @ConditionalOnMissingBean(SchedulingSuppressor.class)
        static SchedulingSuppressor msrCheckSchedulingSuppressor() {
            return new SchedulingSuppressor();
        }

        /** Orders database-initialisation-aware beans after the check (spring-boot-sql is optional). */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(DatabaseInitializationDependencyConfigurer.class)
        @Import(DatabaseInitializationDependencyConfigurer.class)
        static final class DatabaseInitialization {
        }
    }

    /**
     * One-shot modes: the operation runs as a database initializer during the refresh, and a launched
     * application exits from there (see {@link OneShotInitializer}); no {@code @Scheduled} bean is created.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional({MsrModeCondition.OneShot.class, MigrationDatabaseCondition.class})
    static final class OneShot {

        /** A listener of the engine: names the migration in progress should the heap run out. */
        @Bean
        MigrationInProgress msrMigrationInProgress() {
            return new MigrationInProgress();
        }

        @Bean
        @Lazy(false)
        OneShotInitializer msrOneShotInitializer(Msr msr, MsrProperties properties, Environment environment,
                ObjectProvider<MsrSchemaSource> schemaSource, MigrationInProgress progress) {
            OneShotRunner runner = new OneShotRunner(msr, properties, new OneShotReport(properties, environment),
                    () -> {
                        throw new IllegalStateException("msr.mode=check is not run on a database");
                    }, TargetSchemas.of(properties, schemaSource).listed(), progress);
            // An AOT-built application has both one-shot configurations: this one leaves check mode to the other.
            MsrMode mode = properties.getMode() == MsrMode.CHECK ? MsrMode.NONE : properties.getMode();
            return new OneShotInitializer(mode, runner, OneShotExit.SYSTEM, ApplicationLaunch::insideTest,
                    properties.getShutdownTimeout());
        }

        @Bean
        OneShotResult msrOneShotResult(ObjectProvider<OneShotInitializer> initializers,
                ObjectProvider<CheckModeInitializer> check) {
            return result(initializers, check);
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
