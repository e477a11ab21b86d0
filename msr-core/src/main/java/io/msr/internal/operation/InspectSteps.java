package io.msr.internal.operation;

import io.msr.InfoResult;
import io.msr.Issue;
import io.msr.ValidationException;
import io.msr.internal.plan.MigrationPlan;
import io.msr.internal.source.MigrationResolver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Reads without writing: {@code info} reports every migration's state and the audit trail, {@code validate}
 * fails when anything would block a migrate. Before
 * the first migrate adopts another tool's history ({@code msr.adopt-from}), both plan against the history as
 * adopting will leave it (or as the baseline from Liquibase's changelog will), so replicas report the right pending
 * count during the switch; and both report a schema that holds tables but no history ({@code NON_EMPTY_SCHEMA}). Neither takes the lock nor creates the history table, so both work
 * with a role that can only read the history table, and before the table exists.
 */
final class InspectSteps {

    private static final Logger log = LoggerFactory.getLogger(InspectSteps.class);

    private InspectSteps() {
    }

    /** Plans against the history and reports it; never fails on validation problems (they are in the issues). */
    static InfoResult info(OperationTemplate template, EngineContext context) {
        MigrationResolver.Resolution resolution = context.resolve();
        return template.read(context.settings(), run -> {
            FirstRun firstRun = FirstRun.inspect(run.session(), run.history(), context.settings());
            MigrationPlan plan = Planning.plan(run.session(), run.history(), firstRun, resolution,
                    context.settings(), false);
            return new InfoResult(plan.schemaVersion(), plan.latestVersion(), plan.migrations(), run.history().rows(),
                    run.history().exists(), plan.issues(), TimeoutsInForce.read(run.session(), context.facts(),
                    context.settings()));
        });
    }

    /** Fails with every error that would block a migrate; records the warnings. */
    static OperationTemplate.Step validate(EngineContext context) {
        return new OperationTemplate.Step() {
            private MigrationResolver.@Nullable Resolution resolution;

            @Override
            public void prepare() {
                resolution = context.resolve();
            }

            @Override
            public void run(OperationTemplate.Run run) {
                FirstRun firstRun = FirstRun.inspect(run.session(), run.history(), context.settings());
                MigrationPlan plan = Planning.plan(run.session(), run.history(), firstRun, resolution,
                        context.settings(), false);
                List<Issue> errors = plan.errors();
                if (!errors.isEmpty()) {
                    throw new ValidationException(errors);
                }
                run.recorder().warnings(plan.issues());
                log.info("Validated {} migration(s): no errors, {} warning(s), {} pending", plan.migrations().size(),
                        plan.issues().size(), plan.pending().size());
            }
        };
    }
}
