package io.msr.boot.autoconfigure;

import io.msr.JavaMigration;
import io.msr.MigrationListener;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.boot.autoconfigure.datasource.ApplicationDataSource;
import io.msr.boot.autoconfigure.datasource.MigrationDataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ResourceLoader;

import javax.sql.DataSource;

/**
 * Auto-configuration of MSR: the {@link Msr} engine over the application's DataSource (or MSR's own
 * credentials), with the Java migrations, listeners and settings customizers found as beans, and the behaviour
 * of {@code msr.mode}. Backs off with {@code msr.mode=none}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Msr.class)
@Conditional(MsrModeCondition.Enabled.class)
@EnableConfigurationProperties(MsrProperties.class)
@Import({MsrModeConfigurations.Verify.class, MsrModeConfigurations.MigrateOnStart.class,
        MsrModeConfigurations.OneShot.class, WaitOnStartConfiguration.class})
public final class MsrAutoConfiguration {

    MsrAutoConfiguration() {
    }

    /** Builds the engine when a database is available. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(MigrationDatabaseCondition.class)
    static final class EngineConfiguration {

        @Bean
        @ConditionalOnMissingBean
        Msr msr(MsrProperties properties, ObjectProvider<MsrConnectionDetails> connectionDetails,
                @MsrDataSource ObjectProvider<DataSource> msrDataSource, ObjectProvider<DataSource> dataSource,
                ObjectProvider<JdbcConnectionDetails> jdbcConnectionDetails, ListableBeanFactory beanFactory,
                ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<MigrationListener> listeners,
                ObjectProvider<MsrSettingsCustomizer> customizers, ObjectProvider<MsrSchemaSource> schemaSource,
                ResourceLoader resourceLoader) {
            MsrSettings.Builder settings = SettingsFromProperties.toSettings(properties).toBuilder();
            customizers.orderedStream().forEach(customizer -> customizer.customize(settings));
            Msr.Builder builder = Msr.builder().settings(settings.build())
                    .javaMigrations(javaMigrations.orderedStream().toList())
                    .listeners(listeners.orderedStream().toList())
                    .classLoader(resourceLoader.getClassLoader());
            MsrSchemaSource source = schemaSource.getIfUnique();
            if (source != null) {
                builder.schemaSource(source::schemas);
            }
            ApplicationDataSource application = new ApplicationDataSource(msrDataSource, dataSource,
                    jdbcConnectionDetails, beanFactory);
            MsrProperties.Datasource own = properties.getDatasource();
            MsrConnectionDetails details = connectionDetails.getIfUnique();
            return new MigrationDataSource(new MigrationDataSource.Connection(own.getUrl(), own.getUsername(),
                    own.getPassword()), details == null ? null : new MigrationDataSource.Connection(
                    details.getJdbcUrl(), details.getUsername(), details.getPassword()), application)
                    .configure(builder).build();
        }
    }

    /** Fails startup with a clear message when a mode that needs a database has none. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(MigrationDatabaseCondition.Missing.class)
    static final class NoDatabaseConfiguration {

        // Eager: one-shot modes make beans lazy, and a Job must never exit 0 having had no database to migrate.
        @Bean
        @Lazy(false)
        MissingDatabaseCheck msrMissingDatabaseCheck(MsrProperties properties) {
            return new MissingDatabaseCheck(properties.getMode());
        }
    }
}
