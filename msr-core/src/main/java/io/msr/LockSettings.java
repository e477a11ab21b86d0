package io.msr;

import java.time.Duration;
import java.util.Objects;

/**
 * The migration lock ({@code msr.lock.*}): a PostgreSQL advisory lock that lets one runner at a time change a schema.
 *
 * @param enabled     take the migration lock (turn off only when something else guarantees a single runner)
 * @param waitTimeout how long to wait for the lock before failing with exit code 8; default
 *                    {@link MsrSettings#DEFAULT_LOCK_WAIT_TIMEOUT}
 */
public record LockSettings(boolean enabled, Duration waitTimeout) {

    /** Checks the settings; throws {@link ConfigurationException} naming the setting at fault. */
    public LockSettings {
        Objects.requireNonNull(waitTimeout, "lockWaitTimeout");
        if (waitTimeout.isNegative()) {
            throw new ConfigurationException("The lock wait timeout " + waitTimeout + " is negative.");
        }
    }

    /** Returns the defaults: the lock taken, waited for up to {@link MsrSettings#DEFAULT_LOCK_WAIT_TIMEOUT}. */
    public static LockSettings defaults() {
        return new LockSettings(true, MsrSettings.DEFAULT_LOCK_WAIT_TIMEOUT);
    }
}
