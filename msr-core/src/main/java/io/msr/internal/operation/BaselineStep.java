package io.msr.internal.operation;

import io.msr.AdoptFrom;
import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MsrSettings;
import io.msr.ValidationException;
import io.msr.Version;
import io.msr.internal.adopt.LiquibaseBaseline;
import io.msr.internal.execute.Versions;
import io.msr.internal.history.Baseline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;

/**
 * Baseline's own step: under the lock, refuse when MSR's history table holds any row, check Liquibase's history when
 * adopting from it, then create the history table with the one BASELINE row (a dry run only says what it would
 * record).
 */
final class BaselineStep extends ResolvingStep {

    private static final Logger log = LoggerFactory.getLogger(BaselineStep.class);

    private final Version version;

    BaselineStep(EngineContext context, Version version) {
        super(context);
        this.version = version;
    }

    @Override
    public void run(OperationTemplate.Run run) throws SQLException {
        RunSession session = run.session();
        MsrSettings settings = context.settings();
        List<HistoryEntry> rows = run.history().rows();
        if (!rows.isEmpty()) {
            throw new ValidationException(List.of(Issue.error("BASELINE_ON_HISTORY", "The history table "
                    + session.history.qualifiedName() + " already holds " + rows.size() + " row(s), at schema version "
                    + Versions.text(run.history().state().schemaVersion()) + ": a baseline is only for a schema MSR has"
                    + " no history of. Nothing was written; run msr.mode=migrate instead (msr.mode=info shows what is"
                    + " applied).", version, null)));
        }
        Baseline baseline = Baseline.of(version);
        if (settings.adopt().from() == AdoptFrom.LIQUIBASE) {
            LiquibaseBaseline liquibase = LiquibaseBaseline.read(session.connection, session.dialect, session.schema,
                    settings.adopt().tableOrDefault(), version);
            if (liquibase == null) {
                String warning = "msr.adopt-from=liquibase, but schema " + session.schema + " has no Liquibase"
                        + " changelog (" + settings.adopt().tableOrDefault() + ") with rows: the"
                        + " baseline names no changeset";
                run.recorder().warnings(List.of(Issue.warning("ADOPT_NOTHING", warning, version, null)));
                log.warn(warning);
            } else {
                if (!liquibase.issues().isEmpty()) {
                    throw new ValidationException(liquibase.issues());
                }
                baseline = liquibase.baseline();
            }
        }
        long covered = resolved.keySet().stream().filter(v -> !v.isAbove(version)).count();
        String what = "baseline V" + version + " (" + baseline.script() + ") in " + session.history.qualifiedName()
                + ": " + covered + " local migration(s) up to V" + version + " count as applied, newer ones will run";
        if (settings.dryRun()) {
            run.recorder().note("Dry run: would record " + what + "; nothing was written");
            log.info("Dry run: would record {}", what);
            return;
        }
        session.history.recordBaseline(session.connection, baseline);
        run.recorder().versionAfter(version);
        run.recorder().note("Recorded " + what);
        log.info("Recorded {} in {} ms", what, run.recorder().elapsedMs());
    }
}
