package io.msr.boot.autoconfigure.oneshot;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a one-shot run's result files without ever writing through a symbolic link: a link at
 * {@code msr.summary-path} or {@code msr.termination-message-path} could make the runner overwrite another file (a
 * mounted secret, a config file), so a link there is refused with a warning and left as it is. Never throws: a result
 * file that cannot be written never changes the run's exit code.
 */
final class ResultFiles {

    private static final Logger log = LoggerFactory.getLogger(ResultFiles.class);

    private ResultFiles() {
    }

    /**
     * Writes the summary whole or not at all: to a temporary file in the same folder, then moved over {@code path}
     * (a move replaces a link placed there meanwhile rather than following it). Creates missing folders. A new file
     * is readable by all ({@code rw-r--r--}), as a sidecar reading it may run as another user; an existing file keeps
     * its permissions.
     */
    static void writeSummary(Path path, String content) {
        if (Files.isSymbolicLink(path)) {
            log.warn("Not writing the MSR summary to {} (msr.summary-path): it is a symbolic link (to {}), and"
                    + " following it could overwrite another file. Point msr.summary-path at a regular file or at a"
                    + " path that does not exist yet.", path, target(path));
            return;
        }
        Path folder = path.toAbsolutePath().getParent();
        if (folder == null || path.getFileName() == null) {
            log.warn("Not writing the MSR summary to {} (msr.summary-path): it names no file. Point msr.summary-path at"
                    + " a file, for example /tmp/msr/summary.json.", path);
            return;
        }
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + path.getFileName() + ".", ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            PosixFileAttributeView posix = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        ? Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
                        : PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Could not write the MSR summary to {} (msr.summary-path): {}", path, e.getMessage());
            deleteQuietly(temp);
        }
    }

    /**
     * Overwrites the termination message in place when the file exists and is writable, as Kubernetes' own
     * {@code /dev/termination-log} is: a regular file the kubelet bind-mounts, which cannot be replaced by a move.
     * The file is opened without following a link ({@code NOFOLLOW_LINKS}); a link there is refused with a warning.
     */
    static void writeTerminationMessage(Path path, String content) {
        if (Files.isSymbolicLink(path)) {
            log.warn("Not writing the termination message to {} (msr.termination-message-path): it is a symbolic link"
                    + " (to {}), and following it could overwrite another file. Point"
                    + " msr.termination-message-path at the file Kubernetes mounts (terminationMessagePath).", path,
                    target(path));
            return;
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(path)) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Could not write {}", path, e);
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    private static void deleteQuietly(@Nullable Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.debug("Could not delete {}", temp, e);
        }
    }
}
