package io.msr.internal.operation;

import io.msr.Version;
import io.msr.Direction;
import io.msr.DownFailedException;
import io.msr.ExecutedMigration;
import io.msr.MsrException;
import io.msr.internal.execute.Reverter;
import io.msr.internal.execute.RunRecorder;
import io.msr.internal.execute.Versions;
import io.msr.internal.lock.LockLease;
import io.msr.internal.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code down} rollback strategy: after a failed migrate, reverts each migration the run committed, newest
 * first, with its down migration, so the schema is back where the run started. A migration that failed outside
 * a transaction stays recorded as failed for a person to check. When a down migration is missing or fails, the
 * rollback stops there with a {@link DownFailedException} (exit code 4) that names what stays applied and
 * carries the original failure.
 */
final class DownRollback {

    private static final Logger log = LoggerFactory.getLogger(DownRollback.class);

    private final Reverter reverter;

    DownRollback(Reverter reverter) {
        this.reverter = reverter;
    }

    void undo(Connection connection, LockLease lease, List<ResolvedMigration> pending, RunRecorder recorder,
            MsrException failure) {
        Map<Version, ResolvedMigration> byVersion = new HashMap<>();
        pending.forEach(migration -> byVersion.put(migration.version(), migration));
        List<ResolvedMigration> committed = new ArrayList<>();
        for (ExecutedMigration executed : recorder.executedSoFar()) {
            // A repeatable migration has no down: it is left applied, and applied again by the next run if changed.
            if (executed.direction() == Direction.UP && executed.outcome() == ExecutedMigration.Outcome.SUCCEEDED
                    && executed.version() != null) {
                committed.add(0, byVersion.get(executed.version()));
            }
        }
        if (committed.isEmpty()) {
            return;
        }
        log.warn("Rolling back {} migration(s) of this run with their down migrations (msr.rollback-strategy=down)",
                committed.size());
        List<String> reverted = new ArrayList<>();
        for (int i = 0; i < committed.size(); i++) {
            ResolvedMigration migration = committed.get(i);
            String remaining = versions(committed.subList(i, committed.size()));
            if (!migration.hasDown()) {
                throw stop("V" + migration.version() + " (" + migration.script() + ") has no down migration",
                        remaining, failure, migration);
            }
            try {
                reverter.revert(connection, lease, migration, recorder);
                reverted.add("V" + migration.version());
            } catch (MsrException e) {
                DownFailedException stopped = stop("its down migration V" + migration.version() + " failed: "
                        + e.getMessage(), remaining, failure, migration);
                stopped.addSuppressed(e);
                throw stopped;
            }
        }
        recorder.versionAfter(recorder.versionBefore());
        recorder.note("Rolled back " + String.join(", ", reverted) + " with their down migrations; the schema is"
                + " back at " + Versions.text(recorder.versionBefore()));
    }

    private static DownFailedException stop(String reason, String remaining, MsrException failure,
            ResolvedMigration migration) {
        DownFailedException stopped = new DownFailedException("Migrate failed and the rollback stopped because "
                + reason + "; " + remaining + " stay applied. Revert them by hand or with msr.mode=down. The"
                + " original failure: " + failure.getMessage(), migration.version(), migration.script(), null, null,
                null);
        stopped.addSuppressed(failure);
        return stopped;
    }

    private static String versions(List<ResolvedMigration> migrations) {
        List<String> names = new ArrayList<>();
        migrations.forEach(migration -> names.add("V" + migration.version()));
        return String.join(", ", names);
    }
}
