package io.msr.internal.backup;

import java.util.List;

/**
 * What a restore did besides running {@code pg_restore}.
 *
 * @param sha256  the dump's SHA-256, checked against its checksum file before anything changed
 * @param dropped the objects the backup does not hold that were dropped first, as {@code KIND name}, sorted
 * @param kept    the objects the backup does not hold that were left alone (created by other sessions during
 *                the run a rollback undid), sorted; always empty for an explicit restore
 */
public record Restored(String sha256, List<String> dropped, List<String> kept) {

    /** Copies the lists. */
    public Restored {
        dropped = List.copyOf(dropped);
        kept = List.copyOf(kept);
    }
}
