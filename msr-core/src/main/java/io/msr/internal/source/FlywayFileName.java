package io.msr.internal.source;

import io.msr.Direction;
import io.msr.MigrationNaming;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Flyway's file names: {@code V<version>__<description>.sql} (versioned), {@code U<version>__<description>.sql}
 * (undo, read as the down migration of the same version) and {@code R__<description>.sql} (repeatable). The version
 * is digits separated by dots or underscores ({@code 1}, {@code 1.1}, {@code 2_0_10}); two underscores separate it
 * from the description, in which {@code _} reads as a space. Java migrations are named the same way without the
 * extension ({@code V1_2__Backfill}).
 */
enum FlywayFileName implements FileNaming {
    INSTANCE;

    static final String PATTERN = "V<version>__<description>.sql, U<version>__<description>.sql (undo) or"
            + " R__<description>.sql (repeatable), e.g. V1.2__create_users.sql";

    private static final Pattern VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)");
    private static final Pattern LOOSE = Pattern.compile("(?i)[VU]_*(\\d+(?:[._]\\d+)*)[_\\-. ]*(.*?)\\.sql");

    @Override
    public MigrationNaming naming() {
        return MigrationNaming.FLYWAY;
    }

    @Override
    public String pattern() {
        return PATTERN;
    }

    @Override
    public SqlFileName.Parsed parse(String fileName) {
        if (!fileName.endsWith(".sql") || "VUR".indexOf(fileName.charAt(0)) < 0) {
            return new SqlFileName.Ignored();
        }
        SqlFileName.Valid valid = name(fileName.substring(0, fileName.length() - ".sql".length()), true);
        return valid != null ? valid : new SqlFileName.Malformed(reason(fileName), suggest(fileName));
    }

    @Override
    public SqlFileName.@Nullable Valid parseJavaClass(String simpleName) {
        SqlFileName.Valid valid = name(simpleName, false);
        return valid == null || valid.repeatable() ? null : valid;
    }

    @Override
    public String javaPattern() {
        return "V<version>__<description> (e.g. V1_2__Backfill_names)";
    }

    private static SqlFileName.@Nullable Valid name(String base, boolean allowUndo) {
        Matcher repeatable = REPEATABLE.matcher(base);
        if (repeatable.matches()) {
            String description = description(repeatable.group(1));
            return description.isEmpty() ? null : new SqlFileName.Valid(null, description, Direction.UP);
        }
        Matcher versioned = VERSIONED.matcher(base);
        if (!versioned.matches() || !allowUndo && versioned.group(1).equals("U")) {
            return null;
        }
        String description = description(versioned.group(3));
        if (description.isEmpty()) {
            return null;
        }
        return new SqlFileName.Valid(Version.parse(versioned.group(2)), description,
                versioned.group(1).equals("U") ? Direction.DOWN : Direction.UP);
    }

    private static String description(String raw) {
        return raw.replace('_', ' ').trim();
    }

    private static String reason(String fileName) {
        if (fileName.startsWith("R")) {
            return "a repeatable migration is named R__<description>.sql";
        }
        if (!fileName.matches("[VU]\\d.*")) {
            return "it has no version digits after the " + fileName.charAt(0);
        }
        if (!fileName.contains("__")) {
            return "its version is not followed by two underscores and a description";
        }
        return "its version may only hold digits separated by . or _";
    }

    private static @Nullable String suggest(String fileName) {
        Matcher loose = LOOSE.matcher(fileName);
        if (!loose.matches()) {
            return null;
        }
        String description = loose.group(2).replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return description.isEmpty() ? null
                : Character.toUpperCase(fileName.charAt(0)) + loose.group(1) + "__" + description + ".sql";
    }
}
