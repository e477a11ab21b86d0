package io.msr.execute;

import io.msr.HistoryEntry;
import io.msr.InfoResult;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.ValidationException;
import io.msr.history.HistoryState;
import io.msr.internal.SqlErrors;
import io.msr.plan.MigrationPlan;
import io.msr.plan.MigrationPlanner;
import io.msr.source.MigrationResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;

/**
 * Reads without writing: {@code info} reports every migration's state and the audit trail, {@code validate}
 * fails when anything would block a migrate. Neither takes the lock nor creates the history table, so both work
 * with a role that can only read the history table, and before the table exists.
 */
final class InspectOperation {

    private static final Logger log = LoggerFactory.getLogger(InspectOperation.class);

    private final EngineContext context;
    private final MsrSettings settings;

    InspectOperation(EngineContext context, MsrSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    InfoResult info() {
        MigrationResolver.Resolution resolution = context.resolve();
        try (RunSession session = RunSession.open(context.connections(), settings)) {
            boolean exists;
            List<HistoryEntry> rows;
            try {
                exists = session.history.exists(session.connection);
                rows = session.history.readAll(session.connection);
            } catch (SQLException e) {
                throw SqlErrors.outsideMigration("Could not read the history table "
                        + session.history.qualifiedName(), e);
            }
            MigrationPlan plan = MigrationPlanner.plan(resolution.migrations(), resolution.issues(),
                    HistoryState.replay(rows), settings);
            return new InfoResult(plan.schemaVersion(), plan.latestVersion(), plan.migrations(), rows, exists,
                    plan.issues());
        }
    }

    OperationResult validate() {
        RunRecorder recorder = new RunRecorder(Operation.VALIDATE, context.listener());
        try {
            InfoResult info = info();
            recorder.versions(info.schemaVersion(), info.schemaVersion());
            List<io.msr.Issue> errors = info.issues().stream().filter(io.msr.Issue::isError).toList();
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            recorder.warnings(info.issues());
            log.info("Validated {} migration(s): no errors, {} warning(s), {} pending", info.migrations().size(),
                    info.issues().size(), info.pending().size());
            return recorder.success();
        } catch (MsrException e) {
            log.error("Validate failed: {}", e.getMessage());
            throw recorder.failure(e);
        }
    }
}
