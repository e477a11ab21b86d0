package io.msr.internal.history;

import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the append-only history says is applied, replayed from its rows in order: a successful UP applies a
 * version (as does an IMPORTED row, adopted
 * from another tool), a failed UP marks it failed, a DOWN reverts it, and a REPAIR clears a failure or re-records the
 * checksum of an applied version.
 *
 * @param applied the applied migrations by version; each entry is the UP row, with the checksum as last recorded
 * @param failed  the failed, unrepaired migrations by version: an UP that failed outside a transaction (the migration
 *                is not applied), or a DOWN that did (it is still in {@code applied}, partly reverted); either
 *                blocks until repaired
 * @param started the migrations that began outside a transaction and have no outcome yet, by version
 */
public record HistoryState(Map<Long, HistoryEntry> applied, Map<Long, HistoryEntry> failed,
        Map<Long, HistoryEntry> started) {

    /** An empty history. */
    public static final HistoryState EMPTY = new HistoryState(Map.of(), Map.of(), Map.of());

    /** Copies into sorted, read-only maps. */
    public HistoryState {
        applied = Collections.unmodifiableMap(new TreeMap<>(applied));
        failed = Collections.unmodifiableMap(new TreeMap<>(failed));
        started = Collections.unmodifiableMap(new TreeMap<>(started));
    }

    /** Replays history rows (oldest first). */
    public static HistoryState replay(List<HistoryEntry> rows) {
        Map<Long, HistoryEntry> applied = new TreeMap<>();
        Map<Long, HistoryEntry> failed = new TreeMap<>();
        Map<Long, HistoryEntry> started = new TreeMap<>();
        for (HistoryEntry row : rows) {
            long version = row.version();
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
        return new HistoryState(applied, failed, started);
    }

    /** Returns the highest applied version below {@code version}, or null when there is none. */
    public Long highestBelow(long version) {
        Long highest = null;
        for (Long applied : applied.keySet()) {
            if (applied < version) {
                highest = applied;
            }
        }
        return highest;
    }

    /** Returns the highest applied version, or null when nothing is applied. */
    public Long schemaVersion() {
        Long highest = null;
        for (Long version : applied.keySet()) {
            highest = version;
        }
        return highest;
    }
}
