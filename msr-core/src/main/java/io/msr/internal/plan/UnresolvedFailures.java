package io.msr.internal.plan;

import io.msr.HistoryEntry;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.Issue;
import io.msr.internal.history.HistoryState;

import java.util.ArrayList;
import java.util.List;

/**
 * The check that no migration failed or was interrupted outside a transaction without a repair since: such a
 * migration may have left part of its changes, so nothing runs until a person has looked and run repair. Pure.
 */
final class UnresolvedFailures {

    private UnresolvedFailures() {
    }

    /** Returns a {@code FAILED} error for each failed row, then an {@code INTERRUPTED} one for each started row. */
    static List<Issue> of(HistoryState history) {
        List<Issue> issues = new ArrayList<>();
        history.failed().values().forEach(failed -> issues.add(failed(failed)));
        history.started().values().forEach(started -> issues.add(interrupted(started)));
        return issues;
    }

    /** The error for a migration, up or down, that failed outside a transaction. */
    static Issue failed(HistoryEntry failed) {
        if (failed.operation() == HistoryOperation.DOWN) {
            return Issue.error("FAILED", "The down migration of V" + failed.version() + " (" + failed.script()
                    + ") failed on " + failed.installedOn() + " outside a transaction, so V" + failed.version()
                    + " may be partly reverted. Check the database and finish or undo the revert by hand, then run"
                    + " msr.mode=repair: V" + failed.version() + " then counts as applied again, the next migrate"
                    + " leaves it alone and msr.mode=down reverts it again.", failed.version(), failed.script());
        }
        return Issue.error("FAILED", "Migration V" + failed.version() + " (" + failed.script() + ") failed on "
                + failed.installedOn() + " outside a transaction and may have left part of its changes. Check the"
                + " database and undo or finish them by hand, then run msr.mode=repair to mark it resolved; the next"
                + " migrate applies it again.", failed.version(), failed.script());
    }

    /** The error for a migration that started outside a transaction and never finished. */
    static Issue interrupted(HistoryEntry started) {
        return Issue.error("INTERRUPTED", "Migration V" + started.version() + " (" + started.script() + ") started"
                + " outside a transaction on " + started.installedOn() + " and never finished: its runner died part-way"
                + " (killed, or its connection lost), so part of its changes may be in place. Check the database and"
                + " undo or finish them by hand, then run msr.mode=repair; the next migrate applies it again.",
                started.version(), started.script());
    }
}
