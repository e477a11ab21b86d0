package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.Locale;

/**
 * When a migration may run relative to the rollout of the code that needs it: the expand step before, the contract
 * step after. A SQL file chooses with {@code -- msr:phase=post-deploy}, a Java migration with
 * {@link JavaMigration#phase()}; unmarked migrations are pre-deploy.
 */
public enum DeployPhase {
    /**
     * Runs before the new code rolls out (the migrate Job): the previous version keeps running against its result,
     * so it must stay compatible with it (add, never drop or rename). The default.
     */
    PRE_DEPLOY,
    /**
     * Runs after every replica runs the new code ({@code msr.phase=post-deploy}): the contract step that drops or
     * renames what only the previous version used.
     */
    POST_DEPLOY;

    /** Returns the value as written in a directive or a property, e.g. {@code post-deploy}. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns the phase a directive or property value names ({@code pre-deploy}, {@code post-deploy}), or null. */
    public static @Nullable DeployPhase fromPropertyValue(@Nullable String value) {
        for (DeployPhase phase : values()) {
            if (phase.propertyValue().equals(value)) {
                return phase;
            }
        }
        return null;
    }
}
