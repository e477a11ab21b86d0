package io.msr.internal.history;

import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.Version;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the append-only history says is applied, replayed from its rows in order: a successful UP applies a
 * version (as does an IMPORTED row, adopted from another tool), a failed UP marks it failed, a DOWN reverts it, and a
 * REPAIR clears a failure or re-records the checksum of an applied version. Rows without a version are repeatable
 * migrations: the last successful one of each description counts.
 *
 * @param applied the applied migrations by version; each entry is the UP row, with the checksum as last recorded
 * @param failed  the failed, unrepaired migrations by version: an UP that failed outside a transaction (the migration
 *                is not applied), or a DOWN that did (it is still in {@code applied}, partly reverted); either
 *                blocks until repaired
 * @param started the migrations that began outside a transaction and have no outcome yet, by version
 * @param repeatables the repeatable migrations applied, by description: each entry is the last successful row,
 *                    whose checksum says whether the file changed since
 */
public record HistoryState(Map<Version, HistoryEntry> applied, Map<Version, HistoryEntry> failed,
        Map<Version, HistoryEntry> started, Map<String, HistoryEntry> repeatables) {

    /** An empty history. */
    public static final HistoryState EMPTY = new HistoryState(Map.of(), Map.of(), Map.of(), Map.of());

    /** Copies into sorted, read-only maps. */
    public HistoryState {
        applied = Collections.unmodifiableMap(new TreeMap<>(applied));
        failed = Collections.unmodifiableMap(new TreeMap<>(failed));
        started = Collections.unmodifiableMap(new TreeMap<>(started));
        repeatables = Collections.unmodifiableMap(new TreeMap<>(repeatables));
    }

    /** Replays history rows (oldest first). */
    public static HistoryState replay(List<HistoryEntry> rows) {
        Map<Version, HistoryEntry> applied = new TreeMap<>();
        Map<Version, HistoryEntry> failed = new TreeMap<>();
        Map<Version, HistoryEntry> started = new TreeMap<>();
        Map<String, HistoryEntry> repeatables = new TreeMap<>();
        for (HistoryEntry row : rows) {
            Version version = row.version();
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
        return new HistoryState(applied, failed, started, repeatables);
    }

    /** Returns the highest applied version below {@code version}, or null when there is none. */
    public Version highestBelow(Version version) {
        Version highest = null;
        for (Version applied : applied.keySet()) {
            if (applied.isBelow(version)) {
                highest = applied;
            }
        }
        return highest;
    }

    /** Returns the highest applied version, or null when nothing is applied. */
    public Version schemaVersion() {
        Version highest = null;
        for (Version version : applied.keySet()) {
            highest = version;
        }
        return highest;
    }
}
