package io.msr.internal.backup;

import io.msr.RestoreFailedException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a dump, written next to it as {@code <dump>.sha256} in {@code sha256sum}'s format (so
 * {@code sha256sum -c} checks it by hand) and checked before every restore. A restore needs the checksum file:
 * for a dump MSR did not make, write one after making sure the dump is the one meant:
 * {@code sha256sum app.dump > app.dump.sha256}.
 */
final class DumpChecksum {

    /** {@code <64 hex digits><space><space or *><file name>}, as sha256sum writes it. */
    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]{64}) [ *](.+)$");

    private DumpChecksum() {
    }

    /** Returns the checksum file that belongs to a dump. */
    static Path fileFor(Path dump) {
        return dump.resolveSibling(dump.getFileName() + ".sha256");
    }

    /** Returns the SHA-256 of a file, in lower-case hex. */
    static String of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes the checksum file of a dump, owner-only like the dump. */
    static void write(Path dump, String sha256) throws IOException {
        Path file = fileFor(dump);
        Files.deleteIfExists(file);
        BackupFolder.createPrivateFile(file);
        Files.writeString(file, sha256 + "  " + dump.getFileName() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Checks a dump against its checksum file and, when given, the checksum MSR recorded when it took the dump;
     * returns the checksum. Throws {@link RestoreFailedException} (exit code 6), before anything is changed, when
     * the checksum file is missing or unreadable, or when the dump's SHA-256 differs.
     */
    static String verify(Path dump, @Nullable String recorded) {
        Path file = fileFor(dump);
        String expected;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            Matcher line = LINE.matcher(text.lines().findFirst().orElse(""));
            if (!line.matches()) {
                throw new RestoreFailedException("Refusing to restore " + dump + ": its checksum file " + file
                        + " is not in sha256sum's format (<64 hex digits>  <file name>). Nothing was changed."
                        + recreate(dump));
            }
            expected = line.group(1).toLowerCase(Locale.ROOT);
        } catch (NoSuchFileException e) {
            throw new RestoreFailedException("Refusing to restore " + dump + ": it has no checksum file " + file
                    + ", so nothing shows it is the dump that was taken. Nothing was changed." + recreate(dump), e);
        } catch (IOException e) {
            throw new RestoreFailedException("Refusing to restore " + dump + ": its checksum file " + file
                    + " cannot be read (" + e + "). Nothing was changed.", e);
        }
        String actual;
        try {
            actual = of(dump);
        } catch (IOException e) {
            throw new RestoreFailedException("Cannot restore: the backup file " + dump + " cannot be read (" + e
                    + "). Nothing was changed.", e);
        }
        if (recorded != null && !recorded.equals(expected)) {
            throw new RestoreFailedException("Refusing to restore " + dump + ": its checksum file " + file + " says "
                    + expected + " but the dump MSR took had SHA-256 " + recorded + "; the checksum file was changed"
                    + " since. Nothing was changed; the dump is kept for inspection.");
        }
        if (!actual.equals(expected)) {
            throw new RestoreFailedException("Refusing to restore " + dump + ": its SHA-256 is " + actual + " but "
                    + file + " records " + expected + ", so the dump was changed or damaged since it was taken."
                    + " Nothing was changed. Restore from an intact copy, or check by hand with: cd " + dump.toAbsolutePath().getParent()
                    + " && sha256sum -c " + file.getFileName());
        }
        return actual;
    }

    private static String recreate(Path dump) {
        return " If you are sure the dump is the one you mean (one MSR did not make, or made before checksums),"
                + " record its checksum and restore again: sha256sum " + dump + " > " + fileFor(dump);
    }
}
