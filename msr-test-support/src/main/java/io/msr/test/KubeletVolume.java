package io.msr.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder laid out on disk, with real symbolic links, exactly as the kubelet's AtomicWriter lays out a ConfigMap,
 * Secret, downward API or projected volume: the files live in a hidden timestamped folder
 * ({@code ..2026_12_07_08_00_00.123456789}), the hidden link {@code ..data} points at it, and each top-level name of
 * the payload is a visible link {@code <name> -> ..data/<name>} (a key with a sub-path, as projected {@code items}
 * with {@code path: sub/dir/file} make, shows {@code sub -> ..data/sub}). An update writes a new timestamped folder,
 * swaps {@code ..data} by renaming a temporary link {@code ..data_tmp} over it, then adds the visible links of new
 * names, removes those of names gone and finally the old folder, in the kubelet's order.
 */
public final class KubeletVolume {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.");

    private final Path dir;
    private final Set<String> visible = new HashSet<>();
    private int updates;

    /** A volume mounted at {@code dir}, created empty (as a ConfigMap with no keys is). */
    public KubeletVolume(Path dir) {
        this.dir = dir;
        write(Map.of());
    }

    /** The mount point. */
    public Path dir() {
        return dir;
    }

    /** Replaces the payload atomically, as the kubelet does when the ConfigMap changes: path to content. */
    public KubeletVolume write(Map<String, String> payload) {
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve("..data");
            Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
            String stamp = LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + String.format("%09d", ++updates);
            Path fresh = Files.createDirectory(dir.resolve(stamp));
            Set<String> names = new HashSet<>();
            for (Map.Entry<String, String> entry : new TreeMap<>(payload).entrySet()) {
                Path file = fresh.resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry.getValue());
                names.add(entry.getKey().split("/", 2)[0]);
            }
            Path temp = dir.resolve("..data_tmp");
            Files.createSymbolicLink(temp, Path.of(stamp));
            Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String name : names) {
                if (!visible.contains(name)) {
                    Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
                }
            }
            for (String name : visible) {
                if (!names.contains(name)) {
                    Files.delete(dir.resolve(name));
                }
            }
            visible.clear();
            visible.addAll(names);
            if (old != null) {
                deleteTree(old);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
