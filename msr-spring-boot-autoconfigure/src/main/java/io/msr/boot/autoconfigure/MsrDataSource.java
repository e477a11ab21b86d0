package io.msr.boot.autoconfigure;

import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the DataSource MSR migrates when the application has several: put it next to {@code @Bean} on that
 * DataSource. MSR reads the URL and credentials from it (Hikari, Tomcat, DBCP2, Oracle UCP and Spring's simple
 * DataSources are understood) and opens its own non-pooled connections; only when it cannot tell the URL does it
 * borrow connections from the DataSource, and then gives them back exactly as it got them.
 * {@code msr.datasource.*} properties still override single parts, and an {@link MsrConnectionDetails} bean
 * overrides everything.
 *
 * <pre>{@code
 * @Bean
 * @MsrDataSource
 * DataSource ordersDataSource() { ... }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface MsrDataSource {
}
