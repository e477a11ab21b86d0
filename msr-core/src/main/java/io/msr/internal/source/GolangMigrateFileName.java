package io.msr.internal.source;

import io.msr.Direction;
import io.msr.MigrationNaming;
import org.jspecify.annotations.Nullable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses golang-migrate's file names: {@code <version>_<description>.up.sql} and {@code .down.sql}, without the
 * {@code V} of MSR's layout. The version is a positive integer of up to 18 digits, leading zeros allowed
 * ({@code 000001_init.up.sql} is version 1); the description is letters, digits, {@code _} and {@code -}.
 * A {@code .sql} file starting with a digit that does not parse is malformed, with the name probably meant.
 */
enum GolangMigrateFileName implements FileNaming {
    INSTANCE;

    static final String PATTERN = "<version>_<description>.up.sql (or .down.sql), e.g. 202601150930_create_users.up.sql";

    private static final Pattern VALID = Pattern.compile("(\\d+)_([A-Za-z0-9_-]+)\\.(up|down)\\.sql");
    private static final Pattern LOOSE = Pattern.compile("(?i)0*(\\d+)[_\\-. ]*(.*?)(\\.(up|down|undo))?\\.sql");

    @Override
    public MigrationNaming naming() {
        return MigrationNaming.GOLANG_MIGRATE;
    }

    @Override
    public String pattern() {
        return PATTERN;
    }

    @Override
    public SqlFileName.Parsed parse(String fileName) {
        if (!fileName.endsWith(".sql") || !Character.isDigit(fileName.charAt(0))) {
            return new SqlFileName.Ignored();
        }
        Matcher valid = VALID.matcher(fileName);
        if (!valid.matches()) {
            return new SqlFileName.Malformed(reason(fileName), suggest(fileName));
        }
        String digits = valid.group(1).replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 18) {
            return new SqlFileName.Malformed("its version has " + digits.length()
                    + " digits; at most 18 are allowed", null);
        }
        long version = Long.parseLong(digits);
        if (version == 0) {
            return new SqlFileName.Malformed("its version is 0; versions start at 1", null);
        }
        String description = valid.group(2).replace('_', ' ').trim();
        if (description.isEmpty()) {
            return new SqlFileName.Malformed("it has no description after the version", null);
        }
        return new SqlFileName.Valid(io.msr.Version.of(version), description,
                "up".equals(valid.group(3)) ? Direction.UP : Direction.DOWN);
    }

    private static String reason(String fileName) {
        if (!fileName.endsWith(".up.sql") && !fileName.endsWith(".down.sql")) {
            return "it does not end in .up.sql or .down.sql";
        }
        if (!fileName.matches("\\d+_.*")) {
            return "its version is not followed by _ and a description";
        }
        return "its description may only contain letters, digits, _ and -";
    }

    private static @Nullable String suggest(String fileName) {
        Matcher loose = LOOSE.matcher(fileName);
        if (!loose.matches()) {
            return null;
        }
        String description = loose.group(2).replaceAll("[^A-Za-z0-9-]+", "_").replaceAll("^_+|_+$", "");
        if (description.isEmpty()) {
            return null;
        }
        boolean down = loose.group(4) != null && !"up".equalsIgnoreCase(loose.group(4));
        return loose.group(1) + "_" + description + (down ? ".down.sql" : ".up.sql");
    }
}
