package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One row of the append-only history table: an attempted operation on one migration.
 *
 * @param id              the row's rank, increasing in the order the rows were written
 * @param version         the migration version
 * @param description     the migration description
 * @param type            SQL or Java
 * @param script          the script that ran
 * @param checksum        the checksum recorded, or null
 * @param operation       UP, DOWN, REPAIR, STARTED, IMPORTED or BASELINE
 * @param success         whether it succeeded
 * @param installedBy     the database user; null in a preview of a row not written yet (an adoption or a baseline
 *                        shown before the run that records it)
 * @param installedOn     when it was written; null in such a preview, and for an adopted Flyway row with no time
 * @param executionTimeMs how long it took
 */
public record HistoryEntry(long id, @Nullable Version version, String description, MigrationType type, String script,
        @Nullable String checksum, HistoryOperation operation, boolean success, @Nullable String installedBy,
        @Nullable Instant installedOn, long executionTimeMs) {

    /** What a history row records. */
    public enum HistoryOperation {
        /** The migration was applied (or, when not successful, failed outside a transaction). */
        UP,
        /** The migration was reverted by its down migration. */
        DOWN,
        /** A repair: a failed attempt was marked resolved, or an edited checksum was re-recorded. */
        REPAIR,
        /**
         * A migration outside a transaction began; the UP row written when it ends gives its outcome. Without one,
         * the runner died part-way and the migration counts as failed once the lock is free again.
         */
        STARTED,
        /**
         * The migration was taken over as applied from another tool's history ({@code msr.adopt-from}): MSR did not
         * run it. It counts as applied, with the checksum of the local file at adoption.
         */
        IMPORTED,
        /**
         * The schema already held everything up to this version when MSR took it over ({@code msr.mode=baseline}, or
         * {@code msr.adopt-from=liquibase}): migrations at or below it count as covered and never run. MSR ran
         * nothing; the row's type is {@link MigrationType#BASELINE}.
         */
        BASELINE
    }
}
