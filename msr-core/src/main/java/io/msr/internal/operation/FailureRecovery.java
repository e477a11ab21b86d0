package io.msr.internal.operation;

import io.msr.Version;
import io.msr.DownFailedException;
import io.msr.ExecutedMigration;
import io.msr.MsrException;
import io.msr.RollbackStrategy;
import io.msr.TransactionMode;
import io.msr.internal.execute.RunRecorder;
import io.msr.internal.lock.LockLease;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.List;

/**
 * Carries out {@code msr.rollback-strategy} after a migrate run failed: nothing; the down migrations of what the
 * run committed; a restore of the backup taken before the run; or the down migrations first and the restore when
 * they stop. A restore only happens when the run changed the database (a committed migration, or a
 * non-transactional one that failed part-way); otherwise the backup was not needed.
 */
final class FailureRecovery {

    private static final Logger log = LoggerFactory.getLogger(FailureRecovery.class);

    private final RollbackStrategy strategy;
    private final TransactionMode transactionMode;
    private final DownRollback down;
    private final @Nullable RunBackup backup;

    /**
     * @param backup the run's backup, or null when the strategy takes none
     */
    FailureRecovery(RollbackStrategy strategy, TransactionMode transactionMode, DownRollback down,
            @Nullable RunBackup backup) {
        this.strategy = strategy;
        this.transactionMode = transactionMode;
        this.down = down;
        this.backup = backup;
    }

    /**
     * Recovers from {@code failure} and returns the error the run ends with: the failure itself when the strategy
     * did its work, or a {@link DownFailedException} (exit code 4) or {@link io.msr.RestoreFailedException} (exit
     * code 6) when it could not.
     */
    MsrException recover(Connection connection, LockLease lease, List<ResolvedMigration> pending,
            RunRecorder recorder, MsrException failure) {
        if (strategy.revertsWithDown()) {
            try {
                down.undo(connection, lease, pending, recorder, failure);
                if (backup != null) {
                    backup.discard(recorder);
                }
                return failure;
            } catch (DownFailedException stopped) {
                if (backup == null) {
                    return stopped;
                }
                log.warn("The down rollback stopped ({}); restoring the backup instead", stopped.getMessage());
                recorder.note("The down rollback stopped, so the backup is restored instead: " + stopped.getMessage());
            }
        }
        if (backup == null) {
            if (strategy == RollbackStrategy.NONE) {
                log.warn("No rollback strategy is set (msr.rollback-strategy=none): migrations this run committed"
                        + " stay applied");
            }
            return failure;
        }
        if (!changedDatabase(pending, recorder, failure)) {
            recorder.note("Nothing to restore: the failed migration rolled back and the run committed nothing");
            backup.discard(recorder);
            return failure;
        }
        backup.restore(connection, lease, recorder, failure);
        backup.discard(recorder);
        return failure;
    }

    private boolean changedDatabase(List<ResolvedMigration> pending, RunRecorder recorder, MsrException failure) {
        for (ExecutedMigration executed : recorder.executedSoFar()) {
            if (executed.outcome() == ExecutedMigration.Outcome.SUCCEEDED) {
                return true;
            }
        }
        Version failed = failure.version().orElse(null);
        for (ResolvedMigration migration : pending) {
            if (failed != null && failed.equals(migration.version()) && !migration.transactionalUp(transactionMode)) {
                return true;
            }
        }
        return false;
    }
}
