package io.msr.boot.autoconfigure;

import io.msr.Msr;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates under the lock while the application context starts ({@code msr.mode=migrate-on-start}), or does what
 * an {@link MsrMigrationStrategy} bean says instead. Beans that depend on database initialisation (JPA, JdbcTemplate
 * users) are created after it. A failure fails startup. It acts only when the mode at run time is migrate-on-start:
 * an AOT-processed application has this bean whatever mode it was built with.
 */
public final class MigrateOnStartInitializer implements InitializingBean {

    private final Msr msr;
    private final MsrMode mode;
    private final MsrMigrationStrategy strategy;

    /** Creates the initializer that migrates. */
    public MigrateOnStartInitializer(Msr msr) {
        this(msr, MsrMode.MIGRATE_ON_START, Msr::migrate);
    }

    /**
     * Creates the initializer that runs the strategy with the engine when {@code mode}, the mode at run time, is
     * migrate-on-start.
     */
    public MigrateOnStartInitializer(Msr msr, MsrMode mode, MsrMigrationStrategy strategy) {
        this.msr = msr;
        this.mode = mode;
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        if (mode == MsrMode.MIGRATE_ON_START) {
            strategy.migrate(msr);
        }
    }
}
