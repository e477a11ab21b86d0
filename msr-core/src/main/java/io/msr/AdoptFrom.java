package io.msr;

/**
 * Whose history the first migrate takes over when MSR's history table does not exist yet ({@code msr.adopt-from}).
 * Adopting reads the other tool's history table ({@link MsrSettings#adoptTable()}) and never writes it.
 */
public enum AdoptFrom {
    /** Adopt nothing; the default. */
    NONE,
    /**
     * golang-migrate's table of one row {@code (version bigint, dirty boolean)}: every local migration up to that
     * version is recorded as applied (history operation {@code IMPORTED}); a dirty version is refused.
     */
    GOLANG_MIGRATE,
    /**
     * Liquibase's changelog table ({@code databasechangelog} unless {@code msr.adopt-table} names another; its lock
     * table is that name plus {@code lock}): once every changeset ran and Liquibase's lock is free, a baseline at
     * {@link MsrSettings#baselineVersion()} is recorded (history operation {@code BASELINE}) naming the last
     * changeset. Needs {@code msr.baseline-version}.
     */
    LIQUIBASE;

    /** Returns the property value that selects this source, e.g. {@code golang-migrate}. */
    public String propertyValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
