package io.msr.internal.source;

import io.msr.ConfigurationException;
import io.msr.Direction;
import io.msr.MigrationNaming;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The files of a git ref (such as {@code origin/main}), read with the {@code git} command: which migration files the
 * ref holds and with which content, for the offline check's branch order. Nothing is checked out or written.
 */
public final class GitBase {

    private final Path root;
    private final String ref;
    private final Map<String, String> blobs;

    private GitBase(Path root, String ref, Map<String, String> blobs) {
        this.root = root;
        this.ref = ref;
        this.blobs = blobs;
    }

    /**
     * Reads the tree of {@code ref} in the git repository that holds {@code dir}. Throws {@link ConfigurationException}
     * naming the next step when git is not installed, the folder is in no repository, or the ref is unknown.
     */
    public static GitBase read(Path dir, String ref) {
        String top = git(dir, "rev-parse", "--show-toplevel");
        if (top == null) {
            throw new ConfigurationException("The base ref " + ref + " cannot be read: " + dir
                    + " is not inside a git repository. Run the check in a git clone, or leave baseRef unset.");
        }
        Path root = Path.of(top.strip());
        if (git(root, "rev-parse", "--verify", "--quiet", ref + "^{commit}") == null) {
            throw new ConfigurationException("The base ref " + ref + " is not known to git in " + root
                    + ". Fetch it first (git fetch origin, or actions/checkout with fetch-depth: 0), or fix baseRef.");
        }
        String tree = git(root, "ls-tree", "-r", "-z", "--full-tree", ref);
        if (tree == null) {
            throw new ConfigurationException("git ls-tree " + ref + " failed in " + root + ".");
        }
        Map<String, String> blobs = new HashMap<>();
        for (String entry : tree.split("\0")) {
            int tab = entry.indexOf('\t');
            String[] meta = tab < 0 ? new String[0] : entry.substring(0, tab).split(" ");
            if (meta.length == 3 && meta[1].equals("blob")) {
                blobs.put(entry.substring(tab + 1), meta[2]);
            }
        }
        return new GitBase(root, ref, blobs);
    }

    /** Returns the repository's root folder. */
    public Path root() {
        return root;
    }

    /** Returns the ref. */
    public String ref() {
        return ref;
    }

    /** Returns true when the ref holds the file (a path relative to the root) with exactly this content. */
    public boolean holds(String path, byte[] content) {
        return blobHash(content).equals(blobs.get(path));
    }

    /** Returns true when the ref holds a file at this path (relative to the root). */
    public boolean has(String path) {
        return blobs.containsKey(path);
    }

    /** A versioned up migration at the ref: its version and path relative to the root. */
    public record Migration(Version version, String path) {
    }

    /**
     * Returns the newest versioned up migration the ref holds under any of the folders (paths relative to the root,
     * {@code /} separated), named as {@code naming} says, or null when there is none.
     */
    public @Nullable Migration newestUnder(List<String> folders, MigrationNaming naming) {
        FileNaming layout = FileNaming.of(naming);
        Migration newest = null;
        for (String path : blobs.keySet()) {
            if (!path.endsWith(".sql") || folders.stream().noneMatch(folder -> folder.isEmpty() || path.startsWith(folder + "/"))) {
                continue;
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (layout.parse(name) instanceof SqlFileName.Valid valid && !valid.repeatable()
                    && valid.direction() == Direction.UP && (newest == null || valid.version().isAbove(newest.version()))) {
                newest = new Migration(valid.version(), path);
            }
        }
        return newest;
    }

    /** Returns git's object id of a file's content ({@code git hash-object}). */
    static String blobHash(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs git in a folder; returns its output, or null when it exits with a failure. */
    private static @Nullable String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new ConfigurationException("The base ref cannot be read: git could not be started (" + e.getMessage()
                    + "). Install git on the build machine, or leave baseRef unset.");
        }
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out.toString(StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("Interrupted while reading the base ref with git.");
        }
    }

    /** Returns the enclosing git repository's root (a folder with {@code .git}), or null; runs no git. */
    public static @Nullable Path repositoryRoot(Path dir) {
        for (Path current = dir.toAbsolutePath().normalize(); current != null; current = current.getParent()) {
            if (Files.exists(current.resolve(".git"))) {
                return current;
            }
        }
        return null;
    }
}
