package io.msr.boot.autoconfigure;

import io.msr.Msr;

/**
 * Replaces what {@code msr.mode=migrate-on-start} does while the application starts, which by default is
 * {@link Msr#migrate()}. Define one bean of this type to, for example, validate first, migrate only up to a version,
 * or skip migrating in some environments. Called once, before JPA and other beans that wait for database
 * initialisation are created; an exception it throws fails startup.
 *
 * <pre>{@code
 * @Bean
 * MsrMigrationStrategy validateThenMigrate() {
 *     return msr -> {
 *         msr.validate();
 *         msr.migrate();
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MsrMigrationStrategy {

    /** Does the startup migration with the configured engine. */
    void migrate(Msr msr);
}
