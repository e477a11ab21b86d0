package io.msr.internal.source;

import io.msr.Direction;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses SQL migration file names: {@code V<version>_<description>.up.sql} and its optional sibling
 * {@code V<version>_<description>.down.sql}, and repeatable migrations {@code R_<description>.sql}. The version is
 * a positive integer of up to 18 digits; the description is letters, digits and {@code _}.
 *
 * <p>A {@code .sql} file whose name starts with {@code V}, {@code U} or {@code R} but does not parse is
 * malformed, and the result suggests the name that was probably meant. Other files are ignored.
 */
final class SqlFileName {

    /** The expected pattern, as shown in messages. */
    public static final String PATTERN = "V<version>_<description>.up.sql (or .down.sql), e.g. V202601150930_create_users.up.sql";

    private static final Pattern VALID = Pattern.compile("V(\\d+)_([A-Za-z0-9_]+)\\.(up|down)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R_([A-Za-z0-9][A-Za-z0-9_]*)\\.sql");
    private static final Pattern JAVA = Pattern.compile("V(\\d{1,18})_([A-Za-z0-9_]+)");
    private static final Pattern LOOSE = Pattern.compile("(?i)[VUR]_*0*(\\d*)[_\\-. ]*(.*?)(\\.(up|down|undo))?\\.sql");

    private SqlFileName() {
    }

    /** The outcome of parsing one file name. */
    public sealed interface Parsed permits Valid, Malformed, Ignored {
    }

    /**
     * A valid name.
     *
     * @param version     the version, or null for a repeatable migration
     * @param description the description with {@code _} shown as spaces
     * @param direction   UP for an up (or repeatable) migration, DOWN for a down (or undo) migration
     */
    public record Valid(@Nullable Version version, String description, Direction direction) implements Parsed {

        /** Returns true for a repeatable migration, which has no version. */
        public boolean repeatable() {
            return version == null;
        }
    }

    /**
     * A name that looks like a migration but does not parse.
     *
     * @param reason     what is wrong, as a sentence fragment
     * @param suggestion the name probably meant, or null when none can be guessed
     */
    public record Malformed(String reason, @Nullable String suggestion) implements Parsed {
    }

    /** A file that is not a migration: it does not start with V, U or R. */
    public record Ignored() implements Parsed {
    }

    /** Parses a file name (without folders). */
    public static Parsed parse(String fileName) {
        if (!fileName.endsWith(".sql") || fileName.isEmpty() || "VUR".indexOf(fileName.charAt(0)) < 0) {
            return new Ignored();
        }
        Matcher repeatable = REPEATABLE.matcher(fileName);
        if (repeatable.matches() && !repeatable.group(1).replace('_', ' ').isBlank()) {
            return new Valid(null, repeatable.group(1).replace('_', ' ').trim(), Direction.UP);
        }
        Matcher valid = VALID.matcher(fileName);
        if (valid.matches()) {
            String digits = valid.group(1);
            if (digits.length() > 18) {
                return new Malformed("its version has " + digits.length() + " digits; at most 18 are allowed",
                        null);
            }
            long version = Long.parseLong(digits);
            if (version == 0) {
                return new Malformed("its version is 0; versions start at 1", null);
            }
            String description = valid.group(2).replace('_', ' ').trim();
            if (description.isEmpty()) {
                return new Malformed("it has no description after the version", null);
            }
            return new Valid(Version.of(version), description,
                    "up".equals(valid.group(3)) ? Direction.UP : Direction.DOWN);
        }
        return new Malformed(reason(fileName), suggest(fileName));
    }

    /**
     * Parses a Java migration's simple class name, {@code V<version>_<description>} (e.g.
     * {@code V202601150930_Backfill_names}); returns null when it does not match.
     */
    public static @Nullable Valid parseJavaClass(String simpleName) {
        Matcher matcher = JAVA.matcher(simpleName);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            return null;
        }
        String description = matcher.group(2).replace('_', ' ').trim();
        return description.isEmpty() ? null : new Valid(Version.of(Long.parseLong(matcher.group(1))), description,
                Direction.UP);
    }

    private static String reason(String fileName) {
        if (fileName.charAt(0) == 'R') {
            return "a repeatable migration is named R_<description>.sql, the description letters, digits and _";
        }
        if (fileName.charAt(0) != 'V') {
            return "U files are not read (a down migration is V<version>_<description>.down.sql)";
        }
        if (!fileName.endsWith(".up.sql") && !fileName.endsWith(".down.sql")) {
            return "it does not end in .up.sql or .down.sql";
        }
        if (fileName.startsWith("V_") || !Character.isDigit(fileName.length() > 1 ? fileName.charAt(1) : 'x')) {
            return "it has no version digits after the V";
        }
        if (fileName.matches("V\\d+__.*")) {
            return "it separates version and description with two underscores instead of one";
        }
        return "its description may only contain letters, digits and _";
    }

    static @Nullable String suggest(String fileName) {
        Matcher loose = LOOSE.matcher(fileName);
        if (!loose.matches() || loose.group(1).isEmpty()) {
            return null;
        }
        String description = loose.group(2).replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (description.isEmpty()) {
            return null;
        }
        String kind = loose.group(4) == null ? "" : loose.group(4).toLowerCase(Locale.ROOT);
        boolean down = fileName.charAt(0) == 'U' || fileName.charAt(0) == 'u' || "down".equals(kind)
                || "undo".equals(kind);
        return "V" + loose.group(1) + "_" + description + (down ? ".down.sql" : ".up.sql");
    }
}
