package io.msr;

/**
 * How SQL migration files are named in the locations ({@code msr.naming}). One layout is active per run; files
 * named for another layout are never run, and a location that holds only such files is reported naming the
 * layout that would read them.
 */
public enum MigrationNaming {
    /**
     * MSR's own layout: {@code V<version>_<description>.up.sql} and {@code .down.sql}, and repeatable migrations
     * {@code R_<description>.sql}; the default.
     */
    MSR,
    /**
     * Flyway's layout: {@code V<version>__<description>.sql}, where the version may have parts ({@code 1.1},
     * {@code 2_0_10}); {@code U<version>__<description>.sql} undo files as down migrations; repeatable migrations
     * {@code R__<description>.sql}.
     */
    FLYWAY,
    /**
     * golang-migrate's layout: {@code <version>_<description>.up.sql} and {@code .down.sql}, no {@code V}; the
     * version is an integer (a timestamp or a zero-padded sequence such as {@code 000001}).
     */
    GOLANG_MIGRATE;

    /** Returns the property value that selects this layout, e.g. {@code golang-migrate}. */
    public String propertyValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
