package io.msr.internal.operation;

import io.msr.LockStatus;
import io.msr.Version;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.TransactionMode;
import io.msr.ValidationException;
import io.msr.internal.adopt.Adoption;
import io.msr.internal.backup.RunFootprint;
import io.msr.internal.execute.Applier;
import io.msr.internal.execute.DryRun;
import io.msr.internal.execute.HistoryTableCreation;
import io.msr.internal.execute.Reverter;
import io.msr.internal.execute.RunRecorder;
import io.msr.internal.execute.Versions;
import io.msr.internal.history.Baseline;
import io.msr.internal.history.table.HistoryWriter;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.lock.LockLease;
import io.msr.internal.plan.MigrationPlan;
import io.msr.internal.source.MigrationResolver;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Migrate's own step: plan against the history read under the lock, refuse on any validation error (nothing
 * changes), then adopt another tool's history when {@code msr.adopt-from} finds one (the first run only), then
 * rehearse (dry run) or apply the pending migrations, take a backup first when the rollback strategy needs one, and
 * recover as the strategy says when a migration fails.
 */
final class MigrateStep implements OperationTemplate.Step {

    private static final Logger log = LoggerFactory.getLogger(MigrateStep.class);

    private final EngineContext context;
    private final MsrSettings settings;
    private final MsrSettings withoutLint;
    private MigrationResolver.@Nullable Resolution resolution;
    private boolean unlockedReadFailed;

    MigrateStep(EngineContext context, MsrSettings settings) {
        this.context = context;
        this.settings = settings;
        this.withoutLint = settings.toBuilder().lintEnabled(false).build();
    }

    @Override
    public void prepare() {
        resolution = context.resolveChecked(settings.strict());
    }

    @Override
    public void run(OperationTemplate.Run run) throws SQLException {
        RunSession session = run.session();
        FirstRun firstRun = FirstRun.inspect(session, run.history(), settings);
        MigrationPlan plan = Planning.plan(session, run.history(), firstRun, resolution, settings, true);
        if (!plan.errors().isEmpty()) {
            throw new ValidationException(plan.errors());
        }
        boolean adopted = adopt(run, run.history().adoption(resolution.migrations()));
        adopted |= recordBaseline(run, firstRun.baseline());
        report(plan, run.recorder());
        List<ResolvedMigration> pending = plan.pending();
        Version before = run.recorder().versionBefore();
        if (pending.isEmpty()) {
            log.info("Schema {} is up to date at version {}: nothing to migrate ({} ms)", session.schema,
                    Versions.text(before), run.recorder().elapsedMs());
            if (!settings.dryRun()) {
                DriftSteps.afterMigrate(session, settings, before, false, run.recorder());
            }
            return;
        }
        if (settings.dryRun()) {
            rehearse(run, pending);
            return;
        }
        DriftSteps.beforeMigrate(session, settings, before, run.recorder());
        boolean dotted = pending.stream().anyMatch(MigrateStep::dotted);
        boolean needsWiderTable = dotted || pending.stream().anyMatch(ResolvedMigration::repeatable);
        if ((run.history().exists() || adopted) && needsWiderTable) {
            session.history.allow(session.connection, dotted);
        }
        RunBackup backup = settings.rollbackStrategy().takesBackup()
                ? RunBackup.take(context.backup(), settings.backup().keep(), run.recorder()) : null;
        try (HistoryWriter writer = session.history.writer(session.connection)) {
            Applier applier = new Applier(settings, session.dialect, session.history, writer,
                    new HistoryTableCreation(session.history, session.schema, run.history().exists() || adopted),
                    context.listener(), backup != null ? backup.footprint() : RunFootprint.untracked());
            FailureRecovery recovery = new FailureRecovery(settings.rollbackStrategy(), settings.transactionMode(),
                    new DownRollback(new Reverter(settings, session.dialect, session.history, writer,
                            context.listener())), backup);
            applyOrRecover(applier, recovery, settings.transactionMode(), session.connection, run.lease(), pending,
                    run.recorder());
        }
        if (backup != null) {
            backup.discard(run.recorder());
        }
        DriftSteps.afterMigrate(session, settings, run.recorder().versionAfter(), true, run.recorder());
        log.info("Migrated schema {} from version {} to {}: applied {} migration(s) in {} ms", session.schema,
                Versions.text(run.recorder().versionBefore()), Versions.text(run.recorder().versionAfter()),
                run.recorder().succeededCount(), run.recorder().elapsedMs());
    }

    /**
     * Finishes without the lock when the history, read without it, leaves nothing for this run: nothing pending (with
     * the same target, phase and repeatables), nothing to adopt or baseline, no error (a failed or a started but
     * unfinished migration, an edited file: the normal path reports it under the lock). A dry run finishes too, as
     * under the lock it would only say that nothing is pending. Unlike a run under the lock it records no missing
     * drift fingerprint: the runner holding the lock does. A read that fails keeps this runner waiting for the lock,
     * and no later poll reads again.
     */
    @Override
    public boolean finishedWithoutLock(RunSession session, @Nullable LockStatus holder, RunRecorder recorder) {
        if (unlockedReadFailed) {
            return false;
        }
        HistorySnapshot history;
        MigrationPlan plan;
        try {
            history = session.readHistory();
            FirstRun firstRun = FirstRun.inspect(session, history, settings);
            if (history.foreign() != null || firstRun.baseline() != null) {
                return false;
            }
            // As if under the lock: a migration started outside a transaction and unfinished is not done yet. The lint
            // only looks at pending migrations, and with any pending this runner waits: no need to lint at each poll.
            plan = Planning.plan(session, history, firstRun, resolution, withoutLint, true);
        } catch (MsrException e) {
            unlockedReadFailed = true;
            log.debug("Reading the history without the lock failed; waiting for the lock instead", e);
            return false;
        }
        if (!plan.errors().isEmpty() || !plan.pending().isEmpty()) {
            return false;
        }
        Version version = history.state().schemaVersion();
        recorder.versions(version, version);
        report(plan, recorder);
        String note = "Finished without the migration lock: " + describe(holder) + " held it, and nothing was"
                + " pending at version " + Versions.text(version) + (settings.dryRun() ? " (dry run)" : "");
        recorder.note(note);
        log.info("Schema {} is up to date at version {}: another runner did the work ({}); finished without the"
                + " migration lock in {} ms", session.schema, Versions.text(version), describe(holder),
                recorder.elapsedMs());
        return true;
    }

    private static String describe(@Nullable LockStatus holder) {
        if (holder == null || !holder.held()) {
            return "another runner";
        }
        return "pid " + holder.holderPid() + " ('" + holder.applicationName() + "')";
    }

    /** Records and logs the plan's warnings and the post-deploy migrations it leaves. */
    private static void report(MigrationPlan plan, RunRecorder recorder) {
        recorder.warnings(plan.warnings());
        plan.warnings().forEach(warning -> log.warn(warning.message()));
        if (!plan.deferred().isEmpty()) {
            String note = deferredNote(plan.deferred());
            recorder.note(note);
            log.info(note);
        }
    }

    /** Names the post-deploy migrations a pre-deploy run leaves, the first five of them. */
    static String deferredNote(List<ResolvedMigration> deferred) {
        String names = String.join(", ", deferred.stream().limit(5)
                .map(migration -> migration.label() + " (" + migration.script() + ")").toList())
                + (deferred.size() > 5 ? ", ..." : "");
        return "Left " + deferred.size() + " post-deploy migration(s) for the post-deploy run after the rollout"
                + " (msr.phase=post-deploy): " + names;
    }

    private static boolean dotted(ResolvedMigration migration) {
        return !migration.repeatable() && !migration.version().isNumber();
    }

    /**
     * Applies the pending migrations in the transaction mode's way; when one fails, recovers as the rollback
     * strategy says and throws the error the run ends with.
     */
    static void applyOrRecover(Applier applier, FailureRecovery recovery, TransactionMode mode, Connection connection,
            LockLease lease, List<ResolvedMigration> pending, RunRecorder recorder) {
        try {
            if (mode == TransactionMode.PER_BATCH) {
                applier.applyBatch(connection, lease, pending, recorder);
            } else {
                applier.applyEach(connection, lease, pending, recorder);
            }
        } catch (MsrException failure) {
            throw recovery.recover(connection, lease, pending, recorder, failure);
        }
    }

    /**
     * Takes over another tool's history before anything is applied: creates the history table with the IMPORTED
     * rows in one transaction (a dry run only notes what it would adopt). Returns whether the table now exists.
     */
    private boolean adopt(OperationTemplate.Run run, @Nullable Adoption adoption) throws SQLException {
        if (adoption == null) {
            return false;
        }
        run.recorder().versions(adoption.version(), adoption.version());
        String what = adoption.tool() + "'s history " + adoption.table() + " at version " + adoption.version() + ": "
                + adoption.importedCount() + " migration(s) recorded as IMPORTED";
        if (settings.dryRun()) {
            run.recorder().note("Dry run: would adopt " + what + "; nothing was written");
            return false;
        }
        adoption.record(run.session().connection, run.session().history);
        run.recorder().note("Adopted " + what + "; " + adoption.table() + " was left as it was");
        log.info("Adopted {}", what);
        return true;
    }

    /**
     * Records the baseline taken from Liquibase's changelog before anything is applied: creates the history table with
     * the BASELINE row in one transaction (a dry run only notes it). Returns whether the table now exists.
     */
    private boolean recordBaseline(OperationTemplate.Run run, @Nullable Baseline baseline) throws SQLException {
        if (baseline == null) {
            return false;
        }
        run.recorder().versions(baseline.version(), baseline.version());
        String what = "baseline V" + baseline.version() + " (" + baseline.description() + ", the last "
                + baseline.script() + ")";
        if (settings.dryRun()) {
            run.recorder().note("Dry run: would record " + what + "; nothing was written");
            return false;
        }
        run.session().history.recordBaseline(run.session().connection, baseline);
        run.recorder().note("Recorded " + what + "; Liquibase's tables were left as they were");
        log.info("Recorded {}", what);
        return true;
    }

    private void rehearse(OperationTemplate.Run run, List<ResolvedMigration> pending) {
        RunSession session = run.session();
        try {
            DryRun.rehearse(session.connection, run.lease(), session.dialect, session.history, settings, pending,
                    run.recorder(), context.listener());
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("The dry run could not open or roll back its transaction", e);
        }
        run.recorder().note("Dry run: nothing was committed and no history was written; schema version stays "
                + Versions.text(run.recorder().versionBefore()));
        log.info("Dry run of schema {} finished in {} ms: {} migration(s) would apply; nothing was committed",
                session.schema, run.recorder().elapsedMs(), pending.size());
    }
}
