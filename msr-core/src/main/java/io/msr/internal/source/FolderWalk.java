package io.msr.internal.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a folder for the {@code .sql} files a location holds, following symbolic links to files and folders as
 * Kubernetes mounts them: a ConfigMap, Secret or projected volume shows each key as a visible link
 * ({@code V1_a.up.sql -> ..data/V1_a.up.sql}) into a hidden timestamped folder reached through the hidden link
 * {@code ..data}.
 *
 * <p>The contract: a file or folder whose name, as reached, starts with a dot is skipped, whatever a link points at,
 * so the hidden folders of such a mount are not walked while the visible links into them are read, and each
 * migration is found once under its visible name. Each real file is visited once, under the first path that
 * reaches it in the walk's order (names sorted, depth first); each real folder is walked once, so a link back to an
 * ancestor or a second link to a folder already walked adds nothing and cannot loop. A link whose target does not
 * exist is skipped unless its name ends with {@code .sql}: then it throws {@link NoSuchFileException} naming it.
 */
final class FolderWalk {

    /** What is done with each {@code .sql} file found; {@code attrs} are the link target's. */
    interface SqlFileVisitor {
        void visit(Path file, BasicFileAttributes attrs) throws IOException;
    }

    private final Set<Object> folders = new HashSet<>();
    private final Set<Object> files = new HashSet<>();
    private final SqlFileVisitor visitor;

    private FolderWalk(SqlFileVisitor visitor) {
        this.visitor = visitor;
    }

    /** Visits the {@code .sql} files below {@code folder} (itself followed when a link), in the walk's order. */
    static void walk(Path folder, SqlFileVisitor visitor) throws IOException {
        new FolderWalk(visitor).folder(folder, Files.readAttributes(folder, BasicFileAttributes.class));
    }

    private void folder(Path folder, BasicFileAttributes attrs) throws IOException {
        if (!folders.add(key(folder, attrs))) {
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            BasicFileAttributes target;
            try {
                target = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                if (name.endsWith(".sql") && Files.isSymbolicLink(entry)) {
                    throw new NoSuchFileException(entry.toString(), null, "a symbolic link to a file that does"
                            + " not exist (" + Files.readSymbolicLink(entry) + ")");
                }
                continue;
            }
            if (target.isDirectory()) {
                folder(entry, target);
            } else if (target.isRegularFile() && name.endsWith(".sql") && files.add(key(entry, target))) {
                visitor.visit(entry, target);
            }
        }
    }

    /** The identity of the real file: its file key, else (where the platform has none) its real path. */
    private static Object key(Path path, BasicFileAttributes attrs) throws IOException {
        return attrs.fileKey() != null ? attrs.fileKey() : path.toRealPath();
    }
}
