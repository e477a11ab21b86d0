package io.msr.internal.history;

import io.msr.HistoryEntry;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.MigrationType;
import io.msr.Version;

import java.util.List;

/**
 * A baseline: the schema already holds everything up to {@code version}, so migrations at or below it count as
 * covered and never run. Written once, as the first row of a new (or empty) history table, under the lock
 * ({@code SchemaHistory.recordBaseline}, in {@code history.table}).
 *
 * @param version     the baseline version
 * @param description what the row's description says, e.g. where the baseline came from
 * @param script      what the row's script says: MSR's marker, or the last changeset of the tool taken over
 */
public record Baseline(Version version, String description, String script) {

    /** The script of a baseline that {@code msr.mode=baseline} records without another tool's history. */
    public static final String MARKER = "<< baseline >>";

    /** The baseline {@code msr.mode=baseline} records. */
    public static Baseline of(Version version) {
        return new Baseline(version, "Baseline at V" + version, MARKER);
    }

    /** The row as recording it will write it, for planning before it exists (no user, no time yet). */
    public HistoryEntry preview() {
        return new HistoryEntry(1, version, description, MigrationType.BASELINE, script, null,
                HistoryOperation.BASELINE, true, null, null, 0);
    }

    /** The history as it will be once recorded into an empty table. */
    public HistoryState previewState() {
        return HistoryState.replay(List.of(preview()));
    }
}
