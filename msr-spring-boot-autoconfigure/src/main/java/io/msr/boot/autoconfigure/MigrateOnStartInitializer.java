package io.msr.boot.autoconfigure;

import io.msr.Msr;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates under the lock while the application context starts ({@code msr.mode=migrate-on-start}). Beans that
 * depend on database initialisation (JPA, JdbcTemplate users) are created after it. A failure fails startup.
 */
public final class MigrateOnStartInitializer implements InitializingBean {

    private final Msr msr;
    private final MsrMode mode;

    /** Creates the initializer. */
    public MigrateOnStartInitializer(Msr msr) {
        this(msr, MsrMode.MIGRATE_ON_START);
    }

    /**
     * Creates an initializer that migrates only when {@code mode} (the mode at run time) is migrate-on-start: an
     * AOT-processed application has this bean whatever mode it was built with.
     */
    public MigrateOnStartInitializer(Msr msr, MsrMode mode) {
        this.msr = msr;
        this.mode = mode;
    }

    @Override
    public void afterPropertiesSet() {
        if (mode == MsrMode.MIGRATE_ON_START) {
            msr.migrate();
        }
    }
}
