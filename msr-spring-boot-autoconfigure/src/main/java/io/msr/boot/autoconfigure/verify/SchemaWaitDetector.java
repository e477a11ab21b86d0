package io.msr.boot.autoconfigure.verify;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * Tells Spring Boot that {@link SchemaWaitOnStart} is a database initializer, so that JPA and other beans that
 * depend on database initialisation are created only once the schema is current.
 */
final class SchemaWaitDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(SchemaWaitOnStart.class);
    }
}
