package io.msr.internal.backup;

import io.msr.BackupFailedException;
import io.msr.Issue;
import io.msr.ValidationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The folder backups are written to, kept private to the user MSR runs as, as ssh keeps its key folder: created
 * {@code 0700} when missing; when it exists, refused unless it belongs to this user and neither group nor others
 * may write to it (anyone who can write there could swap a dump that a rollback would then restore). Backup files
 * are created {@code 0600} before {@code pg_dump} writes a byte. On a file system without POSIX permissions the
 * check is skipped with a warning.
 */
final class BackupFolder {

    private static final Logger log = LoggerFactory.getLogger(BackupFolder.class);

    /** The refusal's code, in the validation error's message. */
    static final String UNSAFE = "UNSAFE_BACKUP_FOLDER";

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private BackupFolder() {
    }

    /**
     * Returns the folder, absolute, after creating it (owner-only) when missing and checking it when present.
     * Throws {@link ValidationException} (exit code 2) when it exists but is not private to this user, and
     * {@link BackupFailedException} when it cannot be created.
     */
    static Path prepare(Path configured) {
        Path folder = configured.toAbsolutePath();
        boolean posix = posix(folder);
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            create(folder, posix);
            return folder;
        }
        if (!posix) {
            log.warn("The backup folder {} is on a file system without POSIX permissions: MSR cannot check that only"
                    + " its user can write there", folder);
            return folder;
        }
        check(folder);
        return folder;
    }

    /** Creates an empty file readable and writable by its owner only (where permissions exist). */
    static void createPrivateFile(Path file) throws IOException {
        if (!posix(file.getParent())) {
            Files.createFile(file);
            return;
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        // The umask may only take bits away; setting them again makes the mode exact.
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    }

    /** Tells whether the file system holding the path, or its nearest existing ancestor, keeps POSIX permissions. */
    private static boolean posix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return false;
        }
        try {
            return Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
        } catch (IOException e) {
            return false;
        }
    }

    private static void create(Path folder, boolean posix) {
        try {
            if (folder.getParent() != null) {
                Files.createDirectories(folder.getParent());
            }
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER)}
                    : new FileAttribute<?>[0];
            try {
                Files.createDirectory(folder, attributes);
            } catch (FileAlreadyExistsException raced) {
                // Created by someone else between the look and the creation: it must pass the check like any other.
                if (posix) {
                    check(folder);
                }
                return;
            }
            if (posix) {
                Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
            }
        } catch (IOException e) {
            throw new BackupFailedException("Cannot create the backup folder " + folder + " (" + e
                    + "). Set msr.backup.folder to a writable folder, such as a mounted volume.", e);
        }
    }

    private static void check(Path folder) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new BackupFailedException("Cannot read the owner and permissions of the backup folder " + folder
                    + " (" + e + ").", e);
        }
        String mode = PosixFilePermissions.toString(attributes.permissions());
        String owner = attributes.owner().getName();
        if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
            throw refused(folder, "is " + (attributes.isSymbolicLink() ? "a symbolic link" : "not a folder")
                    + "; point msr.backup.folder at a real folder of your own");
        }
        if (!ownedByMe(folder, owner)) {
            String me = me();
            throw refused(folder, "belongs to " + owner + " (mode " + mode + "), not to " + me + ", the user MSR runs"
                    + " as; whoever owns it can swap the dumps. Use a folder of your own (set msr.backup.folder),"
                    + " or take it over: chown " + chownTarget() + " " + folder + " && chmod 700 " + folder);
        }
        if (!Collections.disjoint(attributes.permissions(), WRITABLE_BY_OTHERS)) {
            throw refused(folder, "is writable by its group or by others (mode " + mode + ", owner " + owner
                    + "), so another user could swap the dumps. Fix it with: chmod 700 " + folder);
        }
    }

    private static ValidationException refused(Path folder, String why) {
        return new ValidationException(List.of(Issue.error(UNSAFE, "The backup folder " + folder + " "
                + why + ". Nothing was run.", null, null)));
    }

    /**
     * Tells whether this process's user owns the folder: by numeric id where the system shows the process's own
     * (Linux's {@code /proc/self} belongs to it; a container's arbitrary id may have no name), else by name.
     */
    private static boolean ownedByMe(Path folder, String owner) {
        Object mine = uid(Path.of("/proc/self"));
        Object its = uid(folder);
        if (mine != null && its != null) {
            return mine.equals(its);
        }
        String name = System.getProperty("user.name");
        if (name == null || name.isEmpty() || "?".equals(name)) {
            log.warn("Cannot tell which user MSR runs as: the owner of the backup folder {} is not checked", folder);
            return true;
        }
        return name.equals(owner);
    }

    private static String me() {
        Object mine = uid(Path.of("/proc/self"));
        String name = System.getProperty("user.name");
        return (name == null ? "?" : name) + (mine == null ? "" : " (uid " + mine + ")");
    }

    private static String chownTarget() {
        String name = System.getProperty("user.name");
        Object mine = uid(Path.of("/proc/self"));
        return name != null && !name.isEmpty() && !"?".equals(name) ? name : String.valueOf(mine);
    }

    private static @Nullable Object uid(Path path) {
        try {
            return Files.getAttribute(path, "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
