package io.msr;

import java.util.List;
import java.util.Objects;

/**
 * What drift detection fingerprints ({@code msr.drift.*}): after each successful migrate run MSR records a fingerprint
 * of the managed schemas for the schema version, and {@link Msr#drift()} compares the schema with it.
 *
 * @param enabled           record a fingerprint after each successful migrate run (default true); off, migrate never
 *                          touches the fingerprint table, while {@link Msr#drift()} and
 *                          {@link Msr#recordFingerprint()} still work when called
 * @param schemas           the schemas fingerprinted besides the history schema, each by its exact name as PostgreSQL
 *                          stores it; empty (the default) means the history schema alone
 * @param includePrivileges fingerprint owners and grants too (default false: a grant given by hand is no drift)
 */
public record DriftSettings(boolean enabled, List<String> schemas, boolean includePrivileges) {

    /** Copies the list; throws {@link ConfigurationException} for an empty schema name. */
    public DriftSettings {
        schemas = List.copyOf(Objects.requireNonNull(schemas, "schemas"));
        for (String schema : schemas) {
            if (schema == null || schema.isBlank()) {
                throw new ConfigurationException("msr.drift.schemas holds an empty name; list schemas by their exact"
                        + " names, such as app.");
            }
        }
    }

    /** Returns the defaults: enabled, the history schema alone, no privileges. */
    public static DriftSettings defaults() {
        return new DriftSettings(true, List.of(), false);
    }
}
