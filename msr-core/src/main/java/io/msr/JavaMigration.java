package io.msr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration written in Java. It runs inside the migration's transaction (unless {@link #transactional()} says
 * otherwise) on the connection that {@link MigrationContext#connection()} hands out; it must not commit, roll
 * back or close that connection.
 *
 * <p>By default the version and description come from the class name, following the SQL file convention:
 * a class named {@code V202601150930_Backfill_user_names} has version 202601150930 and description
 * "Backfill user names". Override {@link #version()} and {@link #description()} to choose them freely.
 *
 * <p>{@link #down(MigrationContext)} is optional: a class that does not override it has no down migration.
 */
public interface JavaMigration {

    /** Returns the version: a positive number of up to 18 digits, unique among all migrations. */
    default long version() {
        return JavaMigrationNames.version(getClass());
    }

    /** Returns the description shown in logs and history. */
    default String description() {
        return JavaMigrationNames.description(getClass());
    }

    /**
     * Returns a checksum of the migration's logic, or null when it has none. When not null, an applied
     * migration whose checksum changed fails validation, as an edited SQL file does.
     */
    default String checksum() {
        return null;
    }

    /** Returns false when this migration must run outside a transaction. */
    default boolean transactional() {
        return true;
    }

    /** Applies the change. Any exception fails the migration and rolls its transaction back. */
    void up(MigrationContext context) throws Exception;

    /**
     * Reverts the change. The default has no down migration: it is never called, and the engine reports
     * the migration as having none.
     */
    default void down(MigrationContext context) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " has no down migration");
    }
}

/** Derives a Java migration's version and description from its class name. */
final class JavaMigrationNames {

    private static final Pattern NAME = Pattern.compile("V(\\d{1,18})_([A-Za-z0-9_]+)");

    private JavaMigrationNames() {
    }

    static long version(Class<?> type) {
        return Long.parseLong(match(type).group(1));
    }

    static String description(Class<?> type) {
        return match(type).group(2).replace('_', ' ').trim();
    }

    private static Matcher match(Class<?> type) {
        Matcher matcher = NAME.matcher(type.getSimpleName());
        if (!matcher.matches()) {
            throw new ConfigurationException("Java migration " + type.getName()
                    + " has no version: name the class V<version>_<description> (e.g. V202601150930_Backfill_names)"
                    + " or override version() and description().");
        }
        return matcher;
    }
}
