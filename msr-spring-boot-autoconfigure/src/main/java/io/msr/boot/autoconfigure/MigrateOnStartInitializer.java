package io.msr.boot.autoconfigure;

import io.msr.Msr;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates under the lock while the application context starts ({@code msr.mode=migrate-on-start}), or does what
 * an {@link MsrMigrationStrategy} bean says instead. Beans that depend on database initialisation (JPA, JdbcTemplate
 * users) are created after it. A failure fails startup.
 */
public final class MigrateOnStartInitializer implements InitializingBean {

    private final Msr msr;
    private final MsrMigrationStrategy strategy;

    /** Creates the initializer that migrates. */
    public MigrateOnStartInitializer(Msr msr) {
        this(msr, Msr::migrate);
    }

    /** Creates the initializer that runs the strategy with the engine. */
    public MigrateOnStartInitializer(Msr msr, MsrMigrationStrategy strategy) {
        this.msr = msr;
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        strategy.migrate(msr);
    }
}
