package io.msr.existingapp;

import com.zaxxer.hikari.HikariDataSource;
import io.msr.boot.autoconfigure.MsrDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The application's two databases: its own (spring.datasource.*), which JPA uses and MSR migrates, and an audit
 * database owned by someone else (app.audit.datasource.*), which MSR must never touch. Defining a DataSource makes
 * Spring Boot back off from its own, so both are declared here the way Spring Boot's how-to guide does it.
 */
@Configuration(proxyBeanMethods = false)
class DataSources {

    @Bean
    @Primary
    @MsrDataSource
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    // Not a default candidate, so that Spring Boot's own spring.datasource properties stay the unique ones.
    @Bean(defaultCandidate = false)
    @ConfigurationProperties("app.audit.datasource")
    DataSourceProperties auditDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Qualifier("audit")
    @ConfigurationProperties("app.audit.datasource.hikari")
    HikariDataSource auditDataSource(@Qualifier("auditDataSourceProperties") DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
