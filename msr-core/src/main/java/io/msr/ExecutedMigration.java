package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * One migration that an operation ran, or tried to run.
 *
 * @param version     its version
 * @param description its description, with spaces
 * @param type        SQL or Java
 * @param script      the file name or class name that ran
 * @param direction   up or down
 * @param outcome     what became of it
 * @param durationMs  how long it took, in milliseconds
 * @param phase       when it runs relative to the rollout, or null when not known
 */
public record ExecutedMigration(@Nullable Version version, String description, MigrationType type, String script,
        Direction direction, Outcome outcome, long durationMs, @Nullable DeployPhase phase) {

    /** A migration without a known phase. */
    public ExecutedMigration(@Nullable Version version, String description, MigrationType type, String script,
            Direction direction, Outcome outcome, long durationMs) {
        this(version, description, type, script, direction, outcome, durationMs, null);
    }

    /** What became of an executed migration. */
    public enum Outcome {
        /** It ran and its change is committed. */
        SUCCEEDED,
        /** It failed. */
        FAILED,
        /** It ran, but its transaction was rolled back because a later migration of the same batch failed. */
        ROLLED_BACK,
        /** A dry run: it ran inside a transaction that was then rolled back, so it would succeed. */
        DRY_RUN,
        /** A dry run: it was not executed because it must run outside a transaction. */
        SKIPPED
    }
}
