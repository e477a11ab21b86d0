package io.msr.internal.operation;

import io.msr.Version;
import io.msr.DownFailedException;
import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.ValidationException;
import io.msr.internal.execute.Reverter;
import io.msr.internal.execute.Versions;
import io.msr.internal.history.HistoryState;
import io.msr.internal.history.table.HistoryWriter;
import io.msr.internal.plan.MigrationPlanner;
import io.msr.internal.source.ResolvedMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Down's own step: revert applied migrations above a target version, newest first, each in its own transaction
 * (unless its down script opts out), recording a DOWN row for each. Every migration to revert must have a down
 * migration locally, and no migration may be failed or interrupted (it needs a repair first); both are checked
 * before anything runs.
 */
final class DownStep extends ResolvingStep {

    private static final Logger log = LoggerFactory.getLogger(DownStep.class);

    private final Version target;

    DownStep(EngineContext context, Version target) {
        super(context);
        this.target = target;
    }

    @Override
    public void run(OperationTemplate.Run run) throws SQLException {
        RunSession session = run.session();
        HistoryState history = run.history().state();
        List<Issue> unresolved = MigrationPlanner.unresolvedFailures(history);
        if (!unresolved.isEmpty()) {
            throw new ValidationException(unresolved);
        }
        List<ResolvedMigration> toRevert = new ArrayList<>();
        List<HistoryEntry> applied = new ArrayList<>(history.applied().values());
        for (int i = applied.size() - 1; i >= 0 && applied.get(i).version().isAbove(target); i--) {
            toRevert.add(revertible(applied.get(i)));
        }
        if (toRevert.isEmpty()) {
            log.info("Schema {} is at version {}, not above {}: nothing to revert", session.schema,
                    Versions.text(history.schemaVersion()), target);
            return;
        }
        try (HistoryWriter writer = session.history.writer(session.connection)) {
            Reverter reverter = new Reverter(context.settings(), session.dialect, session.history, writer,
                    context.listener());
            for (ResolvedMigration migration : toRevert) {
                reverter.revert(session.connection, run.lease(), migration, run.recorder());
                run.recorder().versionAfter(history.highestBelow(migration.version()));
            }
        }
        log.info("Reverted schema {} from version {} to {}: {} migration(s) in {} ms", session.schema,
                Versions.text(run.recorder().versionBefore()), Versions.text(run.recorder().versionAfter()),
                toRevert.size(), run.recorder().elapsedMs());
    }

    private ResolvedMigration revertible(HistoryEntry entry) {
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
        return migration;
    }
}
