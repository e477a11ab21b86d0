package io.msr.execute;

import io.msr.HistoryEntry;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.Issue;
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
import java.util.List;
import java.util.Map;

/**
 * Repairs the history under the lock, in one transaction, by appending REPAIR rows: each failed migration is
 * marked resolved (the next migrate applies it again), and, only with the force flag, the checksum of each
 * edited applied migration is re-recorded to accept the edit.
 */
final class RepairOperation {

    private static final Logger log = LoggerFactory.getLogger(RepairOperation.class);

    private final EngineContext context;
    private final MsrSettings settings;

    RepairOperation(EngineContext context, MsrSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    OperationResult run() {
        RunRecorder recorder = new RunRecorder(Operation.REPAIR, context.listener());
        try {
            Map<Long, ResolvedMigration> resolved = context.resolveByVersion();
            try (RunSession session = RunSession.open(context.connections(), settings);
                 LockLease lease = session.lock.acquire(settings.lockWaitTimeout(),
                         LockObservers.logging(context.listener()))) {
                lease.ensureHeld();
                return repair(session, resolved, recorder);
            }
        } catch (MsrException e) {
            log.error("Repair failed: {}", e.getMessage());
            throw recorder.failure(e);
        }
    }

    private OperationResult repair(RunSession session, Map<Long, ResolvedMigration> resolved, RunRecorder recorder) {
        Connection connection = session.connection;
        try {
            HistoryState history = HistoryState.replay(session.history.readAll(connection));
            recorder.versions(history.schemaVersion(), history.schemaVersion());
            connection.setAutoCommit(false);
            try (SchemaHistory.Writer writer = session.history.writer(connection)) {
                for (HistoryEntry interrupted : history.started().values()) {
                    writer.append(interrupted.version(), interrupted.description(), interrupted.type(),
                            interrupted.script(), null, HistoryOperation.REPAIR, true, 0);
                    note(recorder, "Marked interrupted migration V" + interrupted.version() + " ("
                            + interrupted.script() + ") resolved; the next migrate applies it again");
                }
                for (HistoryEntry failed : history.failed().values()) {
                    writer.append(failed.version(), failed.description(), failed.type(), failed.script(), null,
                            HistoryOperation.REPAIR, true, 0);
                    note(recorder, "Marked failed migration V" + failed.version() + " (" + failed.script()
                            + ") resolved; the next migrate applies it again");
                }
                int mismatches = 0;
                for (HistoryEntry applied : history.applied().values()) {
                    ResolvedMigration migration = resolved.get(applied.version());
                    if (migration == null || migration.checksum() == null || applied.checksum() == null
                            || migration.checksum().equals(applied.checksum())) {
                        continue;
                    }
                    mismatches++;
                    if (settings.force()) {
                        writer.append(applied.version(), applied.description(), applied.type(), applied.script(),
                                migration.checksum(), HistoryOperation.REPAIR, true, 0);
                        note(recorder, "Accepted the edit of V" + applied.version() + " (" + applied.script()
                                + "): checksum " + applied.checksum() + " replaced by " + migration.checksum());
                    }
                }
                if (mismatches > 0 && !settings.force()) {
                    String warning = mismatches + " applied migration(s) were edited after they were applied; their"
                            + " checksums were left as they are. Run repair with msr.force=true to accept the edits.";
                    recorder.warnings(List.of(Issue.warning("CHECKSUM_MISMATCH", warning, null, null)));
                    log.warn(warning);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            Transactions.rollbackQuietly(connection, e);
            throw SqlErrors.outsideMigration("Could not repair the history table " + session.history.qualifiedName(),
                    e);
        }
        log.info("Repair of {} finished in {} ms", session.history.qualifiedName(), recorder.elapsedMs());
        return recorder.success();
    }

    private static void note(RunRecorder recorder, String note) {
        recorder.note(note);
        log.info(note);
    }
}
