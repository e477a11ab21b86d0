package io.msr.boot.autoconfigure.endpoint;

import io.msr.MigrationListener;
import io.msr.Operation;
import io.msr.OperationResult;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

/**
 * Remembers the result of the last operation the engine finished, other than {@code info} (verify mode reads the
 * schema every few seconds), for the {@code msr} endpoint: in migrate-on-start mode, the startup migration.
 */
public final class LastOperation implements MigrationListener {

    private volatile @Nullable OperationResult last;

    @Override
    public void runFinished(OperationResult result) {
        if (result.operation() != Operation.INFO) {
            last = result;
        }
    }

    /** Returns the last operation's result, or empty when none finished yet. */
    public Optional<OperationResult> result() {
        return Optional.ofNullable(last);
    }
}
