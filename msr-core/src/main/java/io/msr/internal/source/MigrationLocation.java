package io.msr.internal.source;

import io.msr.ConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * A place migrations are read from: {@code classpath:db/msr} or {@code filesystem:/opt/app/migrations}.
 * A location without a prefix is a classpath location.
 *
 * @param kind where to look
 * @param path the classpath resource path (no leading slash) or filesystem path
 */
public record MigrationLocation(Kind kind, String path) {

    /** Where a location points. */
    public enum Kind {
        /** Resources of the class loader: exploded folders and jars, including nested Spring Boot jars. */
        CLASSPATH,
        /** A folder on the filesystem, relative to the working directory unless absolute. */
        FILESYSTEM
    }

    /** Parses a location string; throws {@link ConfigurationException} for an unknown prefix. */
    public static MigrationLocation parse(@Nullable String location) {
        String text = location == null ? "" : location.trim();
        if (text.startsWith("classpath:")) {
            return new MigrationLocation(Kind.CLASSPATH, trimSlashes(text.substring("classpath:".length())));
        }
        if (text.startsWith("filesystem:")) {
            String path = text.substring("filesystem:".length());
            if (path.isBlank()) {
                throw new ConfigurationException("Location '" + location + "' names no folder.");
            }
            return new MigrationLocation(Kind.FILESYSTEM, path);
        }
        if (text.isEmpty() || text.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !text.matches("[A-Za-z]:[\\\\/].*")) {
            throw new ConfigurationException("Location '" + location
                    + "' is not understood: use classpath:<path> or filesystem:<path>, e.g. classpath:db/msr.");
        }
        return new MigrationLocation(Kind.CLASSPATH, trimSlashes(text));
    }

    private static String trimSlashes(String path) {
        String trimmed = path.trim();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    @Override
    public String toString() {
        return (kind == Kind.CLASSPATH ? "classpath:" : "filesystem:") + path;
    }
}
