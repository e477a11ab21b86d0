package io.msr.internal.operation;

import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.internal.execute.RunRecorder;
import io.msr.internal.history.HistoryState;
import io.msr.internal.history.table.HistoryWriter;
import io.msr.internal.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Repair's own step: in one transaction, append REPAIR rows that mark each failed or interrupted migration
 * resolved and, only with the force flag, re-record the checksum of each edited applied migration to accept the
 * edit. Each note says what the next run will do with the migration.
 */
final class RepairStep extends ResolvingStep {

    private static final Logger log = LoggerFactory.getLogger(RepairStep.class);


    RepairStep(EngineContext context) {
        super(context);
    }

    @Override
    public void run(OperationTemplate.Run run) throws SQLException {
        RunSession session = run.session();
        Connection connection = session.connection;
        HistoryState history = run.history().state();
        RunRecorder recorder = run.recorder();
        connection.setAutoCommit(false);
        try (HistoryWriter writer = session.history.writer(connection)) {
            for (HistoryEntry interrupted : history.started().values()) {
                resolve(writer, interrupted);
                note(recorder, "Marked interrupted migration V" + interrupted.version() + " (" + interrupted.script()
                        + ") resolved; the next migrate applies it again");
            }
            for (HistoryEntry failed : history.failed().values()) {
                resolve(writer, failed);
                note(recorder, failed.operation() == HistoryOperation.DOWN
                        ? "Marked the failed down migration of V" + failed.version() + " (" + failed.script()
                        + ") resolved; V" + failed.version() + " counts as applied again: the next migrate leaves it"
                        + " alone, and msr.mode=down reverts it again"
                        : "Marked failed migration V" + failed.version() + " (" + failed.script()
                        + ") resolved; the next migrate applies it again");
            }
            acceptEdits(writer, history, recorder);
        }
        connection.commit();
        log.info("Repair of {} finished in {} ms", session.history.qualifiedName(), recorder.elapsedMs());
    }

    private static void resolve(HistoryWriter writer, HistoryEntry entry) throws SQLException {
        writer.append(entry.version(), entry.description(), entry.type(), entry.script(), null,
                HistoryOperation.REPAIR, true, 0);
    }

    private void acceptEdits(HistoryWriter writer, HistoryState history, RunRecorder recorder)
            throws SQLException {
        int mismatches = 0;
        for (HistoryEntry applied : history.applied().values()) {
            ResolvedMigration migration = resolved.get(applied.version());
            if (migration == null || migration.checksum() == null || applied.checksum() == null
                    || migration.checksum().equals(applied.checksum())) {
                continue;
            }
            mismatches++;
            if (context.settings().force()) {
                writer.append(applied.version(), applied.description(), applied.type(), applied.script(),
                        migration.checksum(), HistoryOperation.REPAIR, true, 0);
                note(recorder, "Accepted the edit of V" + applied.version() + " (" + applied.script() + "): checksum "
                        + applied.checksum() + " replaced by " + migration.checksum());
            }
        }
        if (mismatches > 0 && !context.settings().force()) {
            String warning = mismatches + " applied migration(s) were edited after they were applied; their"
                    + " checksums were left as they are. Run repair with msr.force=true to accept the edits.";
            recorder.warnings(List.of(Issue.warning("CHECKSUM_MISMATCH", warning, null, null)));
            log.warn(warning);
        }
    }

    private static void note(RunRecorder recorder, String note) {
        recorder.note(note);
        log.info(note);
    }
}
