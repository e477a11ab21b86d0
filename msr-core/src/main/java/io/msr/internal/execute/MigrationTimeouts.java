package io.msr.internal.execute;

import io.msr.Direction;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.lock.LockLease;
import io.msr.internal.source.Directives;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The database timeouts a migration runs with: the file's {@code msr:lock-timeout} and
 * {@code msr:statement-timeout} directives, else the settings. A lock timeout keeps a migration that waits for a
 * busy table from queueing the application's queries behind it for longer than that.
 */
final class MigrationTimeouts {

    private final Dialect dialect;
    private final MsrSettings settings;

    MigrationTimeouts(Dialect dialect, MsrSettings settings) {
        this.dialect = dialect;
        this.settings = settings;
    }

    /** Applies the timeouts, for the transaction when {@code transactional}, else for the session. */
    void apply(Connection connection, ResolvedMigration migration, Direction direction, boolean transactional)
            throws SQLException {
        apply(connection, migration, direction, transactional, null);
    }

    /**
     * Applies the timeouts as {@link #apply(Connection, ResolvedMigration, Direction, boolean)} does and evaluates
     * the lock's held condition in the same round trip; returns its value (true when it is null).
     */
    boolean apply(Connection connection, ResolvedMigration migration, Direction direction, boolean transactional,
            @Nullable String heldCondition) throws SQLException {
        Directives directives = migration.directives(direction);
        Duration lock = directives.lockTimeout() != null ? directives.lockTimeout() : settings.postgres().lockTimeout();
        Duration statement = directives.statementTimeout() != null ? directives.statementTimeout()
                : settings.postgres().statementTimeout();
        return dialect.applyTimeouts(connection, lock, statement, transactional, heldCondition);
    }

    /**
     * Sets the migration's timeouts and, given a held condition (in a transaction only), checks the lock with them;
     * returns the database's error when it rejected the timeouts; throws, having rolled back, when the lock is lost.
     */
    @Nullable SQLException applyCheckingLock(Connection connection, LockLease lease, ResolvedMigration migration,
            Direction direction, boolean transactional, @Nullable String heldCondition) {
        boolean held;
        try {
            held = apply(connection, migration, direction, transactional, heldCondition);
        } catch (SQLException e) {
            return e;
        }
        if (heldCondition != null) {
            try {
                lease.ensureHeld(held);
            } catch (MsrException lost) {
                // A held condition comes only with a transaction: rolling it back undoes the timeouts too.
                Transactions.rollbackQuietly(connection, lost);
                throw lost;
            }
        }
        return null;
    }

    /** Restores the session timeouts after a migration that ran outside a transaction. */
    void reset(Connection connection, boolean transactional) throws SQLException {
        if (!transactional) {
            dialect.resetTimeouts(connection);
        }
    }
}
