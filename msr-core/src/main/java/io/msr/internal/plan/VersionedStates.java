package io.msr.internal.plan;

import io.msr.DownPolicy;
import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MigrationState;
import io.msr.MsrSettings;
import io.msr.Version;
import io.msr.internal.history.HistoryState;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

/**
 * Decides the state of each resolved versioned migration against the history, running the checks that concern it:
 * failed or interrupted and unrepaired, edited after it was applied (checksums), out of order, and without the
 * down migration the down policy asks for. A pending migration joins the draft's pending list. Pure.
 */
final class VersionedStates {

    private final HistoryState history;
    private final MsrSettings settings;
    private final boolean underLock;
    private final PlanDraft draft;

    /**
     * @param underLock whether the caller holds the migration lock, so a migration started outside a transaction and
     *                  unfinished was interrupted rather than running now
     */
    VersionedStates(HistoryState history, MsrSettings settings, boolean underLock, PlanDraft draft) {
        this.history = history;
        this.settings = settings;
        this.underLock = underLock;
        this.draft = draft;
    }

    /** Records the migration's state, with its problems, and adds it to the pending ones when it is to be applied. */
    void plan(ResolvedMigration migration) {
        HistoryEntry applied = history.applied().get(migration.version());
        HistoryEntry failed = history.failed().get(migration.version());
        MigrationState state = state(migration, applied, failed);
        if ((state == MigrationState.PENDING || state == MigrationState.OUT_OF_ORDER) && !migration.hasDown()) {
            missingDown(migration);
        }
        draft.state(migration, state, applied != null ? applied : failed);
    }

    private MigrationState state(ResolvedMigration migration, @Nullable HistoryEntry applied,
            @Nullable HistoryEntry failed) {
        Version version = migration.version();
        Version target = settings.target();
        Version schemaVersion = history.schemaVersion();
        if (failed != null) {
            draft.issue(UnresolvedFailures.failed(failed));
            return MigrationState.FAILED;
        }
        if (applied != null) {
            return editedChecksum(migration, applied) ? MigrationState.CHECKSUM_MISMATCH : MigrationState.APPLIED;
        }
        if (history.started().containsKey(version)) {
            if (!underLock) {
                return MigrationState.IN_PROGRESS;
            }
            draft.issue(UnresolvedFailures.interrupted(history.started().get(version)));
            return MigrationState.FAILED;
        }
        if (history.coveredByBaseline(version)) {
            return MigrationState.BELOW_BASELINE;
        }
        if (target != null && version.isAbove(target)) {
            return MigrationState.ABOVE_TARGET;
        }
        if (schemaVersion != null && version.isBelow(schemaVersion)) {
            outOfOrder(migration, schemaVersion);
            return MigrationState.OUT_OF_ORDER;
        }
        draft.pending(migration);
        return MigrationState.PENDING;
    }

    /** The edited-checksum check: adds {@code CHECKSUM_MISMATCH} when the file changed after it was applied. */
    private boolean editedChecksum(ResolvedMigration migration, HistoryEntry applied) {
        if (applied.checksum() == null || migration.checksum() == null
                || applied.checksum().equals(migration.checksum())) {
            return false;
        }
        draft.issue(Issue.error("CHECKSUM_MISMATCH", "Migration V" + migration.version() + " ("
                + migration.script() + ") was edited after it was applied: checksum " + applied.checksum()
                + " in history, " + migration.checksum() + " on disk. Restore the file, or accept the edit with"
                + " msr.mode=repair and msr.force=true.", migration.version(), migration.script()));
        return true;
    }

    /**
     * The out-of-order check: a migration never applied but older than the schema version is pending when
     * {@code msr.out-of-order} allows it, else an {@code OUT_OF_ORDER} error.
     */
    private void outOfOrder(ResolvedMigration migration, Version schemaVersion) {
        if (settings.outOfOrder()) {
            draft.pending(migration);
            return;
        }
        draft.issue(Issue.error("OUT_OF_ORDER", "Migration V" + migration.version() + " (" + migration.script()
                + ") was never applied but is older than the newest applied migration V" + schemaVersion
                + ". Give it a version newer than V" + schemaVersion
                + ", or set msr.out-of-order=true to apply it anyway.", migration.version(), migration.script()));
    }

    /** The down-policy check: a {@code MISSING_DOWN} error or warning, as {@code msr.down-policy} says. */
    private void missingDown(ResolvedMigration migration) {
        DownPolicy policy = settings.downPolicy();
        String hint = migration.up() != null
                ? "add " + migration.up().fileName().replace(".up.sql", ".down.sql") + " next to it"
                : "override down() in " + migration.script();
        if (policy == DownPolicy.REQUIRED) {
            draft.issue(Issue.error("MISSING_DOWN", "Migration " + migration.label() + " (" + migration.script()
                    + ") has no down migration, which msr.down-policy=required demands: " + hint + ".",
                    migration.version(), migration.script()));
        } else if (policy == DownPolicy.RECOMMENDED) {
            draft.issue(Issue.warning("MISSING_DOWN", "Migration " + migration.label() + " (" + migration.script()
                    + ") has no down migration (msr.down-policy=recommended): " + hint + ".",
                    migration.version(), migration.script()));
        }
    }
}
