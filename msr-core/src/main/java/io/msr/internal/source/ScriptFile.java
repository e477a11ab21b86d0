package io.msr.internal.source;

/**
 * A {@code .sql} file found in a location, with its raw bytes.
 *
 * @param location the location it was found in
 * @param path     its path relative to the location, with {@code /} separators (for messages)
 * @param content  its bytes, as read
 */
public record ScriptFile(MigrationLocation location, String path, byte[] content) {

    /** Returns the file name without folders. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Returns the folder part of the path, empty at the top of the location. */
    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Returns the location and path, as shown in messages. */
    public String displayName() {
        return location + "/" + path;
    }
}
