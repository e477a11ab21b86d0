package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;

/**
 * The PostgreSQL session settings MSR gives its own sessions ({@code msr.postgres.*}).
 *
 * @param lockTimeout       PostgreSQL {@code lock_timeout} of each migration, so that a migration waiting for a table
 *                          lock never freezes the application's queries behind it for longer; default 3s,
 *                          {@link Duration#ZERO} for none; a file's {@code -- msr:lock-timeout=} overrides it
 * @param statementTimeout  PostgreSQL {@code statement_timeout} of each migration ({@link Duration#ZERO} for none), or
 *                          null (the default) to keep the value the session has: the role's ({@code ALTER ROLE ...
 *                          SET}), the database's or the server's; a file's {@code -- msr:statement-timeout=} overrides
 *                          it
 * @param deadClientTimeout how soon the migration lock is freed when this runner's node vanishes (power loss, a kernel
 *                          panic, a network partition) and its packets simply stop: MSR asks the server to drop its
 *                          sessions after about this long without a sign of life (TCP keepalives, a user timeout and,
 *                          from PostgreSQL 14, {@code client_connection_check_interval}), and the runner itself stops,
 *                          exit code 7, well before that when it cannot reach its lock's session. Applies to MSR's own
 *                          sessions only. Default 30s; {@link Duration#ZERO} leaves the server's and the operating
 *                          system's settings (often two hours) and does not watch; else at least
 *                          {@link MsrSettings#MIN_DEAD_CLIENT_TIMEOUT}
 */
public record PostgresSettings(Duration lockTimeout, @Nullable Duration statementTimeout,
        Duration deadClientTimeout) {

    /** Checks the settings; throws {@link ConfigurationException} naming the setting at fault. */
    public PostgresSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative() || statementTimeout != null && statementTimeout.isNegative()) {
            throw new ConfigurationException("The PostgreSQL lock and statement timeouts must not be negative.");
        }
        Objects.requireNonNull(deadClientTimeout, "deadClientTimeout");
        if (deadClientTimeout.isNegative() || !deadClientTimeout.isZero()
                && deadClientTimeout.compareTo(MsrSettings.MIN_DEAD_CLIENT_TIMEOUT) < 0) {
            throw new ConfigurationException("msr.postgres.dead-client-timeout is " + deadClientTimeout + "; give at"
                    + " least 3s (30s is the default), or 0 to leave the server's TCP keepalive settings alone.");
        }
    }

    /** Returns the defaults: a lock timeout of 3s, the session's statement timeout, a dead-client timeout of 30s. */
    public static PostgresSettings defaults() {
        return new PostgresSettings(MsrSettings.DEFAULT_LOCK_TIMEOUT, null, MsrSettings.DEFAULT_DEAD_CLIENT_TIMEOUT);
    }
}
