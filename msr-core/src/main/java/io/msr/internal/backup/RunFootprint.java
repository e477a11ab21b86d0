package io.msr.internal.backup;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The objects a migrate run wrote, recorded as it goes, so that a rollback by backup drops only what the run
 * created and leaves what other sessions created meanwhile.
 *
 * <p>Inside each migration transaction, just before it commits, the objects whose catalog row that transaction or
 * one of its subtransactions wrote are recorded: exact, whatever other sessions do at the same time. A migration
 * that runs outside a transaction has no single transaction to ask: the objects that appear between its start and
 * its end are recorded, so an object another session creates during that window counts as the run's.
 *
 * <p>Not thread-safe: one run, one connection.
 */
public final class RunFootprint {

    private static final Logger log = LoggerFactory.getLogger(RunFootprint.class);

    private final @Nullable ObjectInventory inventory;
    private final Set<String> written = new HashSet<>();
    private @Nullable Set<String> beforeOutside;

    RunFootprint(@Nullable ObjectInventory inventory) {
        this.inventory = inventory;
    }

    /** Returns a footprint that records nothing, for runs without a backup. */
    public static RunFootprint untracked() {
        return new RunFootprint(null);
    }

    /**
     * Records what the open transaction wrote; call it on the migration connection just before the COMMIT. Throws
     * the database's error, which leaves the transaction aborted: the caller fails the migration with it.
     */
    public void beforeCommit(Connection connection) throws SQLException {
        if (inventory != null) {
            written.addAll(inventory.writtenByCurrentTransaction(connection));
        }
    }

    /** Notes the objects present as a migration outside a transaction starts; call it in autocommit. */
    public void outsideTransactionStarting(Connection connection) throws SQLException {
        if (inventory != null) {
            beforeOutside = inventory.identities(connection);
        }
    }

    /**
     * Records the objects that appeared since {@link #outsideTransactionStarting}, after the migration succeeded or
     * failed; never throws (an object missed here is kept by the rollback, never dropped by mistake).
     */
    public void outsideTransactionEnded(Connection connection) {
        if (inventory == null || beforeOutside == null) {
            return;
        }
        try {
            Set<String> now = inventory.identities(connection);
            now.removeAll(beforeOutside);
            written.addAll(now);
        } catch (SQLException e) {
            log.warn("Could not list the objects created by a migration run outside a transaction: a rollback by"
                    + " backup will keep them: {}", e.getMessage());
        } finally {
            beforeOutside = null;
        }
    }

    /** Returns the identities recorded, as {@code <catalog oid>:<object oid>}. */
    Set<String> written() {
        return Set.copyOf(written);
    }

    @Override
    public String toString() {
        return "RunFootprint" + List.copyOf(written);
    }
}
