package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.oneshot.OneShotInitializer;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * Tells Spring Boot that {@link MigrateOnStartInitializer} and {@link OneShotInitializer} (which runs before anything
 * that could use the database, and exits, also in check mode, which needs none) initialise the database, so JPA,
 * JdbcTemplate, JdbcClient and other database-initialisation-aware beans are created after them.
 */
final class MsrDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(MigrateOnStartInitializer.class, OneShotInitializer.class);
    }
}
