package io.msr.boot.autoconfigure;

import io.msr.Msr;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates under the lock while the application context starts ({@code msr.mode=migrate-on-start}). Beans that
 * depend on database initialisation (JPA, JdbcTemplate users) are created after it. A failure fails startup.
 */
public final class MigrateOnStartInitializer implements InitializingBean {

    private final Msr msr;

    /** Creates the initializer. */
    public MigrateOnStartInitializer(Msr msr) {
        this.msr = msr;
    }

    @Override
    public void afterPropertiesSet() {
        msr.migrate();
    }
}
