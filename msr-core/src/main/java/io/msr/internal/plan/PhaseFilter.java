package io.msr.internal.plan;

import io.msr.DeployPhase;
import io.msr.Issue;
import io.msr.PhaseSelection;
import io.msr.internal.source.ResolvedMigration;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the pending migrations into those a run applies and those it leaves for a later phase, by
 * {@code msr.phase}. Version order is never broken: a pre-deploy run applies everything pending up to the newest
 * pending pre-deploy migration (so a post-deploy migration of an earlier release that is still pending runs before
 * the newer pre-deploy ones) and leaves the newer post-deploy ones; a post-deploy run is refused while a pre-deploy
 * migration is pending. Repeatable migrations, which run after every versioned one, follow their own phase. Pure.
 */
final class PhaseFilter {

    private PhaseFilter() {
    }

    /**
     * The outcome.
     *
     * @param selected the migrations this run applies, in the order given
     * @param deferred the pending migrations left for the post-deploy run, in the order given
     */
    record Split(List<ResolvedMigration> selected, List<ResolvedMigration> deferred) {
    }

    /**
     * Splits {@code pending} (versioned migrations in version order, then repeatable ones); adds a
     * {@code PRE_DEPLOY_PENDING} error to {@code issues} when a post-deploy run finds pre-deploy migrations pending.
     */
    static Split split(List<ResolvedMigration> pending, PhaseSelection selection, List<Issue> issues) {
        if (selection == PhaseSelection.ALL) {
            return new Split(pending, List.of());
        }
        if (selection == PhaseSelection.POST_DEPLOY) {
            List<ResolvedMigration> preDeploy = pending.stream()
                    .filter(migration -> migration.phase() == DeployPhase.PRE_DEPLOY).toList();
            if (!preDeploy.isEmpty()) {
                ResolvedMigration first = preDeploy.get(0);
                issues.add(Issue.error("PRE_DEPLOY_PENDING", "msr.phase=post-deploy applies post-deploy migrations"
                        + " only after every pre-deploy one, but " + preDeploy.size() + " pre-deploy migration(s) are"
                        + " pending, first " + first.label() + " (" + first.script() + "). Run the pre-deploy migrate"
                        + " Job (msr.phase=pre-deploy, the default) and roll out its release first.", first.version(),
                        first.script()));
            }
            return new Split(pending, List.of());
        }
        int lastPreDeploy = -1;
        for (int i = 0; i < pending.size(); i++) {
            ResolvedMigration migration = pending.get(i);
            if (!migration.repeatable() && migration.phase() == DeployPhase.PRE_DEPLOY) {
                lastPreDeploy = i;
            }
        }
        List<ResolvedMigration> selected = new ArrayList<>();
        List<ResolvedMigration> deferred = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            ResolvedMigration migration = pending.get(i);
            boolean runs = migration.repeatable() ? migration.phase() == DeployPhase.PRE_DEPLOY
                    : i <= lastPreDeploy;
            (runs ? selected : deferred).add(migration);
        }
        return new Split(selected, deferred);
    }
}
