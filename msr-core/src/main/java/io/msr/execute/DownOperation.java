package io.msr.execute;

import io.msr.DownFailedException;
import io.msr.HistoryEntry;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.history.HistoryState;
import io.msr.history.SchemaHistory;
import io.msr.internal.SqlErrors;
import io.msr.lock.LockLease;
import io.msr.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reverts applied migrations above a target version, newest first, under the lock, each in its own transaction
 * (unless its down script opts out), recording a DOWN row for each. Every migration to revert must have a down
 * migration locally; this is checked before anything runs.
 */
final class DownOperation {

    private static final Logger log = LoggerFactory.getLogger(DownOperation.class);

    private final EngineContext context;
    private final MsrSettings settings;
    private final long target;

    DownOperation(EngineContext context, MsrSettings settings, long target) {
        this.context = context;
        this.settings = settings;
        this.target = target;
    }

    OperationResult run() {
        RunRecorder recorder = new RunRecorder(Operation.DOWN, context.listener());
        try {
            Map<Long, ResolvedMigration> resolved = context.resolveByVersion();
            try (RunSession session = RunSession.open(context.connections(), settings);
                 LockLease lease = session.lock.acquire(settings.lockWaitTimeout(),
                         LockObservers.logging(context.listener()))) {
                return down(session, lease, resolved, recorder);
            }
        } catch (MsrException e) {
            log.error("Down failed: {}", e.getMessage());
            throw recorder.failure(e);
        }
    }

    private OperationResult down(RunSession session, LockLease lease, Map<Long, ResolvedMigration> resolved,
            RunRecorder recorder) {
        Connection connection = session.connection;
        HistoryState history;
        try {
            history = HistoryState.replay(session.history.readAll(connection));
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not read the history table " + session.history.qualifiedName(), e);
        }
        recorder.versions(history.schemaVersion(), history.schemaVersion());
        List<ResolvedMigration> toRevert = new ArrayList<>();
        List<HistoryEntry> applied = new ArrayList<>(history.applied().values());
        for (int i = applied.size() - 1; i >= 0 && applied.get(i).version() > target; i--) {
            HistoryEntry entry = applied.get(i);
            ResolvedMigration migration = resolved.get(entry.version());
            if (migration == null) {
                throw new DownFailedException("Cannot revert V" + entry.version() + " (" + entry.script()
                        + "): it is applied but not found locally, so there is no down migration to run. Nothing was"
                        + " reverted.", entry.version(), entry.script(), null, null, null);
            }
            if (!migration.hasDown()) {
                String hint = migration.up() != null
                        ? "add " + migration.up().fileName().replace(".up.sql", ".down.sql")
                        : "override down() in " + migration.script();
                throw new DownFailedException("Cannot revert V" + entry.version() + " (" + migration.script()
                        + "): it has no down migration; " + hint + ". Nothing was reverted.", entry.version(),
                        migration.script(), null, null, null);
            }
            toRevert.add(migration);
        }
        if (toRevert.isEmpty()) {
            log.info("Schema {} is at version {}, not above {}: nothing to revert", session.schema,
                    MigrateOperation.versionText(history.schemaVersion()), target);
            return recorder.success();
        }
        try (SchemaHistory.Writer writer = session.history.writer(connection)) {
            Reverter reverter = new Reverter(settings, session.dialect, writer, context.listener());
            for (ResolvedMigration migration : toRevert) {
                reverter.revert(connection, lease, migration, recorder);
                recorder.versionAfter(highestBelow(history, migration.version()));
            }
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not write to the history table "
                    + session.history.qualifiedName(), e);
        }
        log.info("Reverted schema {} from version {} to {}: {} migration(s) in {} ms", session.schema,
                MigrateOperation.versionText(recorder.versionBefore()),
                MigrateOperation.versionText(recorder.versionAfter()), toRevert.size(), recorder.elapsedMs());
        return recorder.success();
    }

    private static Long highestBelow(HistoryState history, long version) {
        Long highest = null;
        for (Long applied : history.applied().keySet()) {
            if (applied < version) {
                highest = applied;
            }
        }
        return highest;
    }
}
