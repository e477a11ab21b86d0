package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * Whose history the first migrate takes over when MSR's history table does not exist yet ({@code msr.adopt-from}).
 * Adopting reads the other tool's history table ({@link AdoptSettings#table()}) and never writes it.
 */
public enum AdoptFrom {
    /** Adopt nothing; the default. */
    NONE(null),
    /**
     * Flyway's {@code flyway_schema_history}: every successful row is imported (history operation
     * {@code IMPORTED}) once each local file matches the checksum Flyway recorded; a failed row, a missing file or a
     * differing file is refused.
     */
    FLYWAY("flyway_schema_history"),
    /**
     * golang-migrate's table of one row {@code (version bigint, dirty boolean)}: every local migration up to that
     * version is recorded as applied (history operation {@code IMPORTED}); a dirty version is refused.
     */
    GOLANG_MIGRATE("schema_migrations"),
    /**
     * Liquibase's changelog table ({@code databasechangelog} unless {@code msr.adopt-table} names another; its lock
     * table is that name plus {@code lock}): once every changeset ran and Liquibase's lock is free, a baseline at
     * {@link AdoptSettings#baselineVersion()} is recorded (history operation {@code BASELINE}) naming the last
     * changeset. Needs {@code msr.baseline-version}.
     */
    LIQUIBASE("databasechangelog");

    private final @Nullable String defaultTable;

    AdoptFrom(@Nullable String defaultTable) {
        this.defaultTable = defaultTable;
    }

    /** Returns the name the tool gives its history table, or null for {@link #NONE}. */
    public @Nullable String defaultTable() {
        return defaultTable;
    }

    /** Returns the property value that selects this source, e.g. {@code golang-migrate}. */
    public String propertyValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
