package io.msr.processtest;

import com.zaxxer.hikari.HikariDataSource;
import io.msr.boot.autoconfigure.MsrDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application with two DataSources, as {@code test.two-data-sources.marked} or {@code .unmarked} turns it on:
 * one built from {@code spring.datasource.*}, and another on {@code test.other-datasource-url}, where nothing listens;
 * marked, the first is the {@link MsrDataSource}.
 */
final class TwoDataSources {

    private TwoDataSources() {
    }

    private static HikariDataSource other(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        return dataSource;
    }

    /** The migrated DataSource marked {@link MsrDataSource}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("test.two-data-sources.marked")
    static class Marked {

        @Bean
        @MsrDataSource
        HikariDataSource ordersDataSource(DataSourceProperties properties) {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }

        @Bean
        HikariDataSource reportingDataSource(@Value("${test.other-datasource-url}") String url) {
            return other(url);
        }
    }

    /** Neither DataSource marked. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("test.two-data-sources.unmarked")
    static class Unmarked {

        @Bean
        HikariDataSource ordersDataSource(DataSourceProperties properties) {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }

        @Bean
        HikariDataSource reportingDataSource(@Value("${test.other-datasource-url}") String url) {
            return other(url);
        }
    }
}
