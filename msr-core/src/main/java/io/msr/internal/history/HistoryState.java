package io.msr.internal.history;

import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the append-only history says is applied, replayed from its rows in order: a successful UP applies a
 * version (as does an IMPORTED row, adopted from another tool), a failed UP marks it failed, a DOWN reverts it, and a
 * REPAIR clears a failure or re-records the checksum of an applied version. Rows without a version are repeatable
 * migrations: the last successful one of each description counts. A successful BASELINE row says the schema held
 * everything up to its version before MSR took over: it raises the schema version to at least that version.
 *
 * @param applied the applied migrations by version; each entry is the UP row, with the checksum as last recorded
 * @param failed  the failed, unrepaired migrations by version: an UP that failed outside a transaction (the migration
 *                is not applied), or a DOWN that did (it is still in {@code applied}, partly reverted); either
 *                blocks until repaired
 * @param started the migrations that began outside a transaction and have no outcome yet, by version
 * @param repeatables the repeatable migrations applied, by description: each entry is the last successful row,
 *                    whose checksum says whether the file changed since
 * @param baseline the BASELINE row, or null when the schema has no baseline; migrations at or below its version
 *                 are covered by it
 */
public record HistoryState(Map<Version, HistoryEntry> applied, Map<Version, HistoryEntry> failed,
        Map<Version, HistoryEntry> started, Map<String, HistoryEntry> repeatables, @Nullable HistoryEntry baseline) {

    /** An empty history. */
    public static final HistoryState EMPTY = new HistoryState(Map.of(), Map.of(), Map.of(), Map.of());

    /** Copies into sorted, read-only maps. */
    public HistoryState {
        applied = Collections.unmodifiableMap(new TreeMap<>(applied));
        failed = Collections.unmodifiableMap(new TreeMap<>(failed));
        started = Collections.unmodifiableMap(new TreeMap<>(started));
        repeatables = Collections.unmodifiableMap(new TreeMap<>(repeatables));
    }

    /** A history without a baseline. */
    public HistoryState(Map<Version, HistoryEntry> applied, Map<Version, HistoryEntry> failed,
            Map<Version, HistoryEntry> started, Map<String, HistoryEntry> repeatables) {
        this(applied, failed, started, repeatables, null);
    }

    /** Returns true when {@code version} is at or below the baseline, so covered by it. */
    public boolean coveredByBaseline(@Nullable Version version) {
        return baseline != null && version != null && !version.isAbove(baseline.version());
    }

    /** Replays history rows (oldest first). */
    public static HistoryState replay(List<HistoryEntry> rows) {
        Map<Version, HistoryEntry> applied = new TreeMap<>();
        Map<Version, HistoryEntry> failed = new TreeMap<>();
        Map<Version, HistoryEntry> started = new TreeMap<>();
        Map<String, HistoryEntry> repeatables = new TreeMap<>();
        HistoryEntry baseline = null;
        for (HistoryEntry row : rows) {
            Version version = row.version();
            if (row.operation() == HistoryOperation.BASELINE) {
                if (row.success() && version != null) {
                    baseline = row;
                }
                continue;
            }
            if (version == null) {
                // A repeatable migration is never blocked: a failed attempt is simply applied again next time.
                if (row.success() && (row.operation() == HistoryOperation.UP
                        || row.operation() == HistoryOperation.IMPORTED)) {
                    repeatables.put(row.description(), row);
                }
                continue;
            }
            if (row.operation() == HistoryOperation.STARTED) {
                started.put(version, row);
                continue;
            }
            started.remove(version);
            if (row.operation() == HistoryOperation.UP || row.operation() == HistoryOperation.IMPORTED) {
                if (row.success()) {
                    applied.put(version, row);
                    failed.remove(version);
                } else {
                    failed.put(version, row);
                }
            } else if (row.operation() == HistoryOperation.DOWN) {
                if (row.success()) {
                    applied.remove(version);
                } else {
                    failed.put(version, row);
                }
            } else if (row.success()) {
                if (failed.remove(version) == null && applied.containsKey(version)) {
                    HistoryEntry up = applied.get(version);
                    applied.put(version, new HistoryEntry(up.id(), up.version(), up.description(), up.type(),
                            up.script(), row.checksum(), up.operation(), true, up.installedBy(), up.installedOn(),
                            up.executionTimeMs()));
                }
            }
        }
        return new HistoryState(applied, failed, started, repeatables, baseline);
    }

    /**
     * Returns the highest applied version below {@code version} (the baseline's counting as applied), or null when
     * there is none.
     */
    public @Nullable Version highestBelow(Version version) {
        Version highest = baseline != null && baseline.version().isBelow(version) ? baseline.version() : null;
        for (Version applied : applied.keySet()) {
            if (applied.isBelow(version) && (highest == null || applied.isAbove(highest))) {
                highest = applied;
            }
        }
        return highest;
    }

    /** Returns the highest applied version, at least the baseline's; null when nothing is applied. */
    public @Nullable Version schemaVersion() {
        Version highest = baseline == null ? null : baseline.version();
        for (Version version : applied.keySet()) {
            highest = highest == null || version.isAbove(highest) ? version : highest;
        }
        return highest;
    }
}
