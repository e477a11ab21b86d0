package io.msr.boot.autoconfigure;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/** Tells Spring Boot that {@link MigrateOnStartInitializer} initialises the database, so JPA and others wait. */
public final class MsrDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(MigrateOnStartInitializer.class);
    }
}
