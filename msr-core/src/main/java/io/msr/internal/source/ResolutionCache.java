package io.msr.internal.source;

import io.msr.JavaMigration;
import io.msr.MigrationNaming;
import io.msr.MsrSettings;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One engine's resolutions, re-reading only what can have changed, so that verify mode's refresh does not read and
 * checksum every file each time. A classpath location is scanned once: a running application's classpath does not
 * change. A filesystem location is listed at each call (names, sizes, modification times and file keys, no content)
 * and read again only when the listing differs from the last one; a file rewritten with the same size and the same
 * modification time is not noticed. The Java migrations are resolved once. When nothing changed (files, locations,
 * naming, placeholders), the last resolution itself is returned. Safe for concurrent callers.
 */
public final class ResolutionCache {

    private final ClassLoader classLoader;
    private @Nullable LocationScanner scanner;
    private final Map<MigrationLocation, Scanned> scans = new HashMap<>();
    private @Nullable MigrationNaming javaNaming;
    private @Nullable List<ResolvedMigration> java;
    private @Nullable Key lastKey;
    private MigrationResolver.@Nullable Resolution last;
    private int locationReads;

    /** Creates the cache, reading classpath locations with the given class loader. */
    public ResolutionCache(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** A location's files as last read, and for a filesystem location the listing they were read with. */
    private record Scanned(@Nullable List<String> listing, LocationScanner.Scan scan) {
    }

    /** What a resolution was made from besides the files: the same key and no file read, the same resolution. */
    private record Key(List<String> locations, MigrationNaming naming, List<JavaMigration> javaMigrations,
            boolean placeholderReplacement, Map<String, String> placeholders) {
    }

    /**
     * Resolves as {@link MigrationResolver#resolve(List, List, MigrationNaming)} does with the settings' locations and
     * naming, and checks the placeholders ({@link PlaceholderCheck}), reading only what changed.
     */
    public synchronized MigrationResolver.Resolution resolve(MsrSettings settings, List<JavaMigration> javaMigrations) {
        List<String> locations = settings.locations();
        MigrationNaming naming = settings.naming();
        int readsBefore = locationReads;
        if (scanner == null || scanner.maxFileSize() != settings.maxMigrationSize()) {
            // Files skipped or read under another limit must be read again.
            scanner = new LocationScanner(classLoader, settings.maxMigrationSize());
            scans.clear();
        }
        List<LocationScanner.Scan> current = new ArrayList<>();
        for (MigrationLocation location : MigrationResolver.locations(locations)) {
            current.add(scan(location));
        }
        if (java == null || javaNaming != naming) {
            java = MigrationResolver.resolveJava(javaMigrations, naming);
            javaNaming = naming;
        }
        Key key = new Key(List.copyOf(locations), naming, List.copyOf(javaMigrations),
                settings.placeholders().replacement(), Map.copyOf(settings.placeholders().values()));
        if (locationReads != readsBefore || !key.equals(lastKey)) {
            last = PlaceholderCheck.check(MigrationResolver.resolve(LocationScanner.Scan.of(current), java, naming),
                    settings);
            lastKey = key;
        }
        return last;
    }

    /** Returns how many times a location was read, for tests. */
    synchronized int locationReads() {
        return locationReads;
    }

    private LocationScanner.Scan scan(MigrationLocation location) {
        Scanned scanned = scans.get(location);
        if (location.kind() == MigrationLocation.Kind.CLASSPATH) {
            if (scanned == null) {
                scanned = new Scanned(null, read(location));
                scans.put(location, scanned);
            }
            return scanned.scan();
        }
        List<String> listing = LocationScanner.listing(location);
        if (scanned == null || !Objects.equals(scanned.listing(), listing)) {
            scanned = new Scanned(listing, read(location));
            scans.put(location, scanned);
        }
        return scanned.scan();
    }

    private LocationScanner.Scan read(MigrationLocation location) {
        locationReads++;
        return scanner.scan(location);
    }
}
