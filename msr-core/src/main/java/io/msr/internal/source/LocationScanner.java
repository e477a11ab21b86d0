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
import java.nio.file.attribute.BasicFileAttributes;
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

    /** Creates a scanner that resolves classpath locations with the given class loader. */
    public LocationScanner(ClassLoader classLoader) {
        this.classLoader = classLoader;
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
        boolean exists = location.kind() == MigrationLocation.Kind.FILESYSTEM
                ? scanFolder(location, Paths.get(location.path()), files)
                : scanClasspath(location, files);
        files.sort(Comparator.comparing(ScriptFile::path));
        return exists ? new Scan(files, List.of(), List.of(location)) : new Scan(files, List.of(missing(location)));
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

    private boolean scanClasspath(MigrationLocation location, List<ScriptFile> files) {
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
                    scanFolder(location, Paths.get(root.toURI()), files);
                } catch (URISyntaxException e) {
                    throw unreadable(location, e);
                }
            } else {
                scanJar(location, root, files);
            }
        }
        return found;
    }

    private boolean scanFolder(MigrationLocation location, Path folder, List<ScriptFile> files) {
        if (!Files.exists(folder)) {
            return false;
        }
        if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
            throw new ConfigurationException("Location " + location + " (" + folder.toAbsolutePath()
                    + ") is not a readable folder. Check msr.locations and the file permissions.");
        }
        walkSqlFiles(location, folder, (file, attrs) -> files.add(new ScriptFile(location,
                folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file))));
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

    private void scanJar(MigrationLocation location, URL root, List<ScriptFile> files) {
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
                try (InputStream in = jar.getInputStream(entry)) {
                    files.add(new ScriptFile(location, relative, in.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw unreadable(location, e);
        }
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
