package io.msr.internal.backup;

import java.nio.file.Path;

/**
 * A backup written by {@link PgBackup#dump()}.
 *
 * @param path       the file, in {@code pg_dump}'s custom format
 * @param bytes      its size
 * @param durationMs how long {@code pg_dump} took
 * @param sha256     its SHA-256 in lower-case hex, also written next to it as {@code <file>.sha256}
 */
public record BackupFile(Path path, long bytes, long durationMs, String sha256) {

    /** Returns the file holding the SHA-256, in {@code sha256sum}'s format. */
    public Path checksumFile() {
        return DumpChecksum.fileFor(path);
    }

    /** Returns the size for people, e.g. {@code 12.4 KiB}. */
    public String size() {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
