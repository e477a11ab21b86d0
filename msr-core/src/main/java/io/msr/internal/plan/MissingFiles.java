package io.msr.internal.plan;

import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MigrationState;
import io.msr.Version;
import io.msr.internal.history.HistoryState;
import org.jspecify.annotations.Nullable;

import java.util.Set;

/**
 * The checks on migrations the history records but no local file provides: interrupted or failed ones (unrepaired
 * whether or not the file is here), and applied ones, missing between local migrations (an error), older than all
 * of them (a warning: removed after a baseline?) or newer (a warning: the database is ahead, as in a rolling
 * update). Pure.
 */
final class MissingFiles {

    private final HistoryState history;
    private final Set<Version> resolved;
    private final @Nullable Version earliest;
    private final @Nullable Version latest;
    private final PlanDraft draft;

    /**
     * @param resolved the versions of the resolved versioned migrations
     * @param earliest the lowest of them, or null when there are none
     * @param latest   the highest of them, or null when there are none
     */
    MissingFiles(HistoryState history, Set<Version> resolved, @Nullable Version earliest, @Nullable Version latest,
            PlanDraft draft) {
        this.history = history;
        this.resolved = resolved;
        this.earliest = earliest;
        this.latest = latest;
        this.draft = draft;
    }

    /** Under the lock, each migration started outside a transaction and unfinished, with no file, was interrupted. */
    void interrupted(boolean underLock) {
        for (HistoryEntry started : history.started().values()) {
            if (!resolved.contains(started.version()) && underLock) {
                draft.issue(UnresolvedFailures.interrupted(started));
                draft.state(started, MigrationState.FAILED);
            }
        }
    }

    /** Each failed migration with no file is still unrepaired. */
    void failed() {
        for (HistoryEntry failed : history.failed().values()) {
            if (!resolved.contains(failed.version())) {
                draft.issue(UnresolvedFailures.failed(failed));
                draft.state(failed, MigrationState.FAILED);
            }
        }
    }

    /** Each applied migration with no file is MISSING (between or below local ones) or AHEAD (above them all). */
    void applied() {
        for (HistoryEntry applied : history.applied().values()) {
            Version version = applied.version();
            if (resolved.contains(version) || history.failed().containsKey(version)) {
                continue;
            }
            if (latest != null && version.isBelow(latest) && version.isAbove(earliest)) {
                draft.state(applied, MigrationState.MISSING);
                draft.issue(Issue.error("MISSING", "Applied migration V" + version + " (" + applied.script()
                        + ") is not found locally, although newer and older migrations are. Restore the file, or"
                        + " check msr.locations.", version, applied.script()));
            } else if (latest != null && version.isBelow(latest)) {
                draft.state(applied, MigrationState.MISSING);
                draft.issue(Issue.warning("MISSING", "Applied migration V" + version + " (" + applied.script()
                        + ") is older than every local migration and not found locally (removed after a baseline?).",
                        version, applied.script()));
            } else {
                draft.state(applied, MigrationState.AHEAD);
                draft.issue(Issue.warning("AHEAD", "The database is ahead of this application: migration V" + version
                        + " (" + applied.script() + ") is applied but not known here, as happens during a rolling"
                        + " update when a newer version has migrated.", version, applied.script()));
            }
        }
    }
}
