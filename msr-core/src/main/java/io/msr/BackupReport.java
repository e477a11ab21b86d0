package io.msr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backup an operation took or restored: in the result of the backup and restore operations and of a migrate
 * run whose rollback strategy takes a backup.
 *
 * @param file     the dump file
 * @param sha256   its SHA-256 (lower-case hex), also in {@code <file>.sha256}; checked before every restore
 * @param restored true when the operation restored the dump (the restore operation, or a rollback by backup)
 * @param dropped  the objects the dump does not hold that the restore dropped first, as {@code KIND name}; for a
 *                 rollback by backup only what the run itself created
 * @param kept     the objects the dump does not hold that a rollback by backup left alone, because other sessions
 *                 created them during the run; always empty for the restore operation
 */
public record BackupReport(String file, String sha256, boolean restored, List<String> dropped, List<String> kept) {

    /** Copies the lists. */
    public BackupReport {
        dropped = List.copyOf(dropped);
        kept = List.copyOf(kept);
    }

    /** Returns a report of a backup taken and not restored. */
    public static BackupReport taken(String file, String sha256) {
        return new BackupReport(file, sha256, false, List.of(), List.of());
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", file);
        map.put("sha256", sha256);
        map.put("restored", restored);
        map.put("dropped", dropped);
        map.put("kept", kept);
        return map;
    }
}
