package io.msr.internal.source;

import io.msr.ConfigurationException;
import io.msr.Issue;
import io.msr.MsrSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the {@code .sql} files of locations, recursively, skipping hidden files and folders (names starting
 * with a dot) and following symbolic links, as a Kubernetes ConfigMap mount needs ({@link FolderWalk}). Reads
 * exploded class folders, jars and nested Spring Boot jars. Each location is walked once.
 */
public final class LocationScanner {

    private static final MigrationLocation DEFAULT = MigrationLocation.parse(MsrSettings.DEFAULT_LOCATION);

    private final ClassLoader classLoader;
    private final long maxFileSize;

    /**
     * Creates a scanner that resolves classpath locations with the given class loader and reads files up to
     * {@link MsrSettings#DEFAULT_MAX_MIGRATION_SIZE}.
     */
    public LocationScanner(ClassLoader classLoader) {
        this(classLoader, MsrSettings.DEFAULT_MAX_MIGRATION_SIZE);
    }

    /**
     * Creates a scanner that resolves classpath locations with the given class loader and reads files of at most
     * {@code maxFileSize} bytes: a larger file is not read but reported, as an error issue naming it, its size and
     * the limit ({@code msr.max-migration-size}), so that one huge file never exhausts the heap before validation.
     */
    public LocationScanner(ClassLoader classLoader, long maxFileSize) {
        this.classLoader = classLoader;
        this.maxFileSize = maxFileSize;
    }

    /** Returns the size in bytes above which a file is reported instead of read. */
    public long maxFileSize() {
        return maxFileSize;
    }

    /**
     * Returns the {@code .sql} files of the locations, sorted by location and path. A location that does not
     * exist yields an error issue naming it, except the default location {@value MsrSettings#DEFAULT_LOCATION}
     * (an application with no migrations yet), which yields a warning; a location that exists but cannot be read
     * throws {@link ConfigurationException}.
     */
    public Scan scan(List<MigrationLocation> locations) {
        List<Scan> scans = new ArrayList<>();
        for (MigrationLocation location : locations) {
            scans.add(scan(location));
        }
        return Scan.of(scans);
    }

    /** Returns the {@code .sql} files of one location, as {@link #scan(List)} does. */
    public Scan scan(MigrationLocation location) {
        List<ScriptFile> files = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        boolean exists = location.kind() == MigrationLocation.Kind.FILESYSTEM
                ? scanFolder(location, Paths.get(location.path()), files, issues)
                : scanClasspath(location, files, issues);
        files.sort(Comparator.comparing(ScriptFile::path));
        if (!exists) {
            issues.add(missing(location));
            return new Scan(files, issues);
        }
        return new Scan(files, issues, List.of(location));
    }

    /**
     * Lists a filesystem location's {@code .sql} files as {@link #scan} would find them, without reading them: each
     * one's path, size, modification time and file key (a file replaced by another gets a new one). Equal listings
     * mean unchanged files, unless a file was rewritten with the same size and modification time. Returns an empty
     * list when the folder does not exist; throws {@link ConfigurationException} when it cannot be read.
     */
    public static List<String> listing(MigrationLocation location) {
        Path folder = Paths.get(location.path());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        walkSqlFiles(location, folder, (file, attrs) -> entries.add(folder.relativize(file) + "|" + attrs.size()
                + "|" + attrs.lastModifiedTime() + "|" + attrs.fileKey()));
        entries.sort(null);
        return entries;
    }

    /**
     * The files found, the issues about missing locations and the locations that exist.
     *
     * @param files  the files found, sorted by location and path
     * @param issues the issues about missing locations
     * @param found  the locations that exist, even when they hold no file
     */
    public record Scan(List<ScriptFile> files, List<Issue> issues, List<MigrationLocation> found) {

        /** Copies the lists. */
        public Scan {
            files = List.copyOf(files);
            issues = List.copyOf(issues);
            found = List.copyOf(found);
        }

        /** A scan of files and issues that found no location. */
        public Scan(List<ScriptFile> files, List<Issue> issues) {
            this(files, issues, List.of());
        }

        /** Joins the scans of several locations, in order. */
        static Scan of(List<Scan> scans) {
            List<ScriptFile> files = new ArrayList<>();
            List<Issue> issues = new ArrayList<>();
            List<MigrationLocation> found = new ArrayList<>();
            for (Scan scan : scans) {
                files.addAll(scan.files());
                issues.addAll(scan.issues());
                found.addAll(scan.found());
            }
            return new Scan(files, issues, found);
        }
    }

    private static Issue missing(MigrationLocation location) {
        if (location.equals(DEFAULT)) {
            return Issue.warning("LOCATION_MISSING", "Location " + location
                    + " does not exist: no migrations were found there. Check msr.locations.", null, null);
        }
        // A configured location that is not there is a typo or a packaging mistake: running nothing would hide it.
        return Issue.error("LOCATION_MISSING", "Location " + location + " does not exist"
                + (location.kind() == MigrationLocation.Kind.FILESYSTEM
                        ? " (" + Paths.get(location.path()).toAbsolutePath() + ")"
                        : " on the classpath (is the folder packaged in the jar?)")
                + ". Fix msr.locations, or create the folder.", null, null);
    }

    private boolean scanClasspath(MigrationLocation location, List<ScriptFile> files, List<Issue> issues) {
        Enumeration<URL> roots;
        try {
            roots = classLoader.getResources(location.path());
        } catch (IOException e) {
            throw unreadable(location, e);
        }
        boolean found = false;
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            found = true;
            if ("file".equals(root.getProtocol())) {
                try {
                    scanFolder(location, Paths.get(root.toURI()), files, issues);
                } catch (URISyntaxException e) {
                    throw unreadable(location, e);
                }
            } else {
                scanJar(location, root, files, issues);
            }
        }
        return found;
    }

    private boolean scanFolder(MigrationLocation location, Path folder, List<ScriptFile> files, List<Issue> issues) {
        if (!Files.exists(folder)) {
            return false;
        }
        if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
            throw new ConfigurationException("Location " + location + " (" + folder.toAbsolutePath()
                    + ") is not a readable folder. Check msr.locations and the file permissions.");
        }
        walkSqlFiles(location, folder, (file, attrs) -> {
            String path = folder.relativize(file).toString().replace('\\', '/');
            if (attrs.size() > maxFileSize) {
                issues.add(tooLarge(location, path, attrs.size()));
            } else {
                files.add(new ScriptFile(location, path, Files.readAllBytes(file)));
            }
        });
        return true;
    }

    /**
     * Visits the {@code .sql} files below the folder as {@link FolderWalk} finds them: symbolic links followed, hidden
     * files and folders skipped, each real file once.
     */
    private static void walkSqlFiles(MigrationLocation location, Path folder, FolderWalk.SqlFileVisitor visitor) {
        try {
            FolderWalk.walk(folder, visitor);
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(location, e);
        }
    }

    private void scanJar(MigrationLocation location, URL root, List<ScriptFile> files, List<Issue> issues) {
        try {
            URLConnection connection = root.openConnection();
            if (!(connection instanceof JarURLConnection jarConnection)) {
                throw new ConfigurationException("Location " + location + " resolved to " + root
                        + ", which is neither a folder nor a jar. Use a filesystem: location instead.");
            }
            JarFile jar = jarConnection.getJarFile();
            String prefix = jarConnection.getEntryName() == null ? "" : jarConnection.getEntryName();
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(prefix) || !name.endsWith(".sql")) {
                    continue;
                }
                String relative = name.substring(prefix.length());
                if (hiddenSegment(relative)) {
                    continue;
                }
                if (entry.getSize() > maxFileSize) {
                    issues.add(tooLarge(location, relative, entry.getSize()));
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    // An entry may not declare its size: read one byte past the limit to know.
                    byte[] content = in.readNBytes((int) Math.min(maxFileSize + 1, Integer.MAX_VALUE - 8));
                    if (content.length > maxFileSize) {
                        issues.add(tooLarge(location, relative, content.length));
                    } else {
                        files.add(new ScriptFile(location, relative, content));
                    }
                }
            }
        } catch (IOException e) {
            throw unreadable(location, e);
        }
    }

    private Issue tooLarge(MigrationLocation location, String path, long size) {
        return Issue.error("MIGRATION_TOO_LARGE", "File " + location + "/" + path + " is " + mebibytes(size) + " ("
                + size + " bytes), more than msr.max-migration-size (" + mebibytes(maxFileSize) + ", " + maxFileSize
                + " bytes): it was not read, and no migration ran. A migration needs about seven times its size in heap"
                + " while it runs. Split it into smaller migrations, or raise msr.max-migration-size together with the"
                + " memory limit of the container.", null, path);
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static boolean hiddenSegment(String relative) {
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static ConfigurationException unreadable(MigrationLocation location, Exception cause) {
        return new ConfigurationException("Location " + location + " could not be read: " + cause.getMessage()
                + ". Check msr.locations and the file permissions.", cause);
    }
}
