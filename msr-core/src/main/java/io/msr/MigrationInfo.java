package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One migration as {@link Msr#info()} reports it: what is resolved and what is applied, side by side.
 *
 * @param version           its version
 * @param description       its description
 * @param type              SQL or Java; for a missing or ahead migration, the type recorded in history
 * @param script            the script resolved locally, or the one recorded in history
 * @param state             its state
 * @param checksum          the checksum of the local script, or null (not resolved, or a Java migration without one)
 * @param appliedChecksum   the checksum recorded when applied, or null
 * @param hasDown           whether a down migration is available locally
 * @param installedOn       when it was applied, or null
 * @param installedBy       the database user that applied it, or null
 * @param executionTimeMs   how long applying took, or null
 * @param phase             when it runs relative to the rollout, or null when it is not resolved locally
 */
public record MigrationInfo(@Nullable Version version, String description, MigrationType type, String script,
        MigrationState state, @Nullable String checksum, @Nullable String appliedChecksum, boolean hasDown,
        @Nullable Instant installedOn, @Nullable String installedBy, @Nullable Long executionTimeMs,
        @Nullable DeployPhase phase) {

    /** A migration without a known phase (not resolved locally). */
    public MigrationInfo(@Nullable Version version, String description, MigrationType type, String script,
            MigrationState state, @Nullable String checksum, @Nullable String appliedChecksum, boolean hasDown,
            @Nullable Instant installedOn, @Nullable String installedBy, @Nullable Long executionTimeMs) {
        this(version, description, type, script, state, checksum, appliedChecksum, hasDown, installedOn, installedBy,
                executionTimeMs, null);
    }

    /** Returns true when it runs after the rollout ({@link DeployPhase#POST_DEPLOY}). */
    public boolean postDeploy() {
        return phase == DeployPhase.POST_DEPLOY;
    }

    /** Returns how messages name it: {@code V1.2}, or {@code repeatable 'refresh views'} for a repeatable one. */
    public String label() {
        return version != null ? "V" + version : "repeatable '" + description + "'";
    }

    /**
     * Returns this migration as plain values, under the names every surface uses (the info result and the
     * Actuator endpoint): its fields, with the type and state as names and the time as ISO-8601 text.
     */
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        row.put("version", Version.jsonValue(version));
        row.put("description", description);
        row.put("type", type.name());
        row.put("script", script);
        row.put("state", state.name());
        row.put("checksum", checksum);
        row.put("appliedChecksum", appliedChecksum);
        row.put("hasDown", hasDown);
        row.put("installedOn", installedOn == null ? null : installedOn.toString());
        row.put("installedBy", installedBy);
        row.put("executionTimeMs", executionTimeMs);
        row.put("phase", phase == null ? null : phase.propertyValue());
        return row;
    }
}
