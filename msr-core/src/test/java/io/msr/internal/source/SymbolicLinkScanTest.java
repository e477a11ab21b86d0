package io.msr.internal.source;

import io.msr.ConfigurationException;
import io.msr.MsrSettings;
import io.msr.test.KubeletVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Folders as Kubernetes mounts them: a ConfigMap's keys are visible links into a hidden timestamped folder, so the
 * scanner follows links, reads each real file once under its visible name, and never loops.
 */
class SymbolicLinkScanTest {

    @TempDir
    Path root;

    private LocationScanner.Scan scan(Path folder) {
        return new LocationScanner(getClass().getClassLoader())
                .scan(List.of(MigrationLocation.parse("filesystem:" + folder)));
    }

    private static List<String> paths(LocationScanner.Scan scan) {
        return scan.files().stream().map(ScriptFile::path).toList();
    }

    @Test
    void readsEachKeyOfAKubeletMountOnceUnderItsVisibleName() {
        KubeletVolume volume = new KubeletVolume(root.resolve("m")).write(Map.of(
                "V1_users.up.sql", "create table users (id int);",
                "V1_users.down.sql", "drop table users;",
                "V2_names.up.sql", "alter table users add column name text;",
                "sub/dir/V3_index.up.sql", "create index on users (name);"));

        LocationScanner.Scan scan = scan(volume.dir());

        assertThat(paths(scan)).containsExactly("V1_users.down.sql", "V1_users.up.sql", "V2_names.up.sql",
                "sub/dir/V3_index.up.sql");
        assertThat(new String(scan.files().get(3).content(), StandardCharsets.UTF_8))
                .isEqualTo("create index on users (name);");
        assertThat(scan.issues()).isEmpty();
    }

    @Test
    void seesExactlyTheNewSetAfterAnAtomicUpdate() {
        KubeletVolume volume = new KubeletVolume(root.resolve("m")).write(Map.of(
                "V1_a.up.sql", "select 1;", "V2_b.up.sql", "select 2;"));
        MsrSettings settings = MsrSettings.builder().locations("filesystem:" + volume.dir()).build();
        ResolutionCache cache = new ResolutionCache(getClass().getClassLoader());
        assertThat(cache.resolve(settings, List.of()).migrations()).extracting(ResolvedMigration::script)
                .containsExactly("V1_a.up.sql", "V2_b.up.sql");

        volume.write(Map.of("V1_a.up.sql", "select 1;", "V3_c.up.sql", "select 3;"));

        assertThat(paths(scan(volume.dir()))).containsExactly("V1_a.up.sql", "V3_c.up.sql");
        assertThat(cache.resolve(settings, List.of()).migrations()).extracting(ResolvedMigration::script)
                .containsExactly("V1_a.up.sql", "V3_c.up.sql");
    }

    @Test
    void aLinkBackToAnAncestorDoesNotLoop() throws IOException {
        Path db = Files.createDirectories(root.resolve("db/nested"));
        Files.writeString(root.resolve("db/V1_a.up.sql"), "select 1;");
        Files.writeString(db.resolve("V2_b.up.sql"), "select 2;");
        Files.createSymbolicLink(db.resolve("loop"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("db/self"), root.resolve("db"));

        assertThat(paths(scan(root.resolve("db")))).containsExactly("V1_a.up.sql", "nested/V2_b.up.sql");
    }

    @Test
    void aFileReachableByTwoPathsIsReadOnce() throws IOException {
        Path real = Files.createDirectories(root.resolve("db/real"));
        Files.writeString(real.resolve("V1_a.up.sql"), "select 1;");
        Files.createSymbolicLink(root.resolve("db/alias"), Path.of("real"));
        Files.createSymbolicLink(root.resolve("db/V1_a.up.sql"), Path.of("real/V1_a.up.sql"));

        assertThat(paths(scan(root.resolve("db")))).containsExactly("V1_a.up.sql");
    }

    @Test
    void followsALinkedLocationAndALinkToAHiddenFolderButSkipsHiddenNames() throws IOException {
        Path hidden = Files.createDirectories(root.resolve(".store/.v2"));
        Files.writeString(hidden.resolve("V1_a.up.sql"), "select 1;");
        Path db = Files.createDirectories(root.resolve("db"));
        Files.createSymbolicLink(db.resolve("current"), hidden);
        Files.createSymbolicLink(db.resolve(".previous"), hidden);
        Files.createSymbolicLink(root.resolve("mount"), db);

        assertThat(paths(scan(root.resolve("mount")))).containsExactly("current/V1_a.up.sql");
    }

    @Test
    void aSqlLinkToAFileThatDoesNotExistIsAnErrorNamingIt() throws IOException {
        Path db = Files.createDirectories(root.resolve("db"));
        Files.createSymbolicLink(db.resolve("V1_a.up.sql"), Path.of("..data/V1_a.up.sql"));
        Files.createSymbolicLink(db.resolve("README"), Path.of("..data/README"));

        assertThatThrownBy(() -> scan(db)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("filesystem:" + db).hasMessageContaining("V1_a.up.sql")
                .hasMessageContaining("does not exist");
    }

    @Test
    void anExplodedClasspathFolderIsReadAsBeforeWithLinksFollowed() throws IOException {
        Path classes = Files.createDirectories(root.resolve("classes/db/msr"));
        Files.writeString(classes.resolve("V1_a.up.sql"), "select 1;");
        Files.writeString(Files.createDirectories(root.resolve("shared")).resolve("V2_b.up.sql"), "select 2;");
        Files.createSymbolicLink(classes.resolve("shared"), root.resolve("shared"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.resolve("classes").toUri().toURL()}, null)) {
            LocationScanner.Scan scan = new LocationScanner(loader).scan(List.of(MigrationLocation.parse("classpath:db/msr")));
            assertThat(paths(scan)).containsExactly("V1_a.up.sql", "shared/V2_b.up.sql");
        }
    }

    @Test
    void aLocationThatExistsButHoldsNoMigrationIsReportedEmpty() throws IOException {
        KubeletVolume volume = new KubeletVolume(root.resolve("m"));
        Path full = Files.createDirectories(root.resolve("full"));
        Files.writeString(full.resolve("V1_a.up.sql"), "select 1;");
        Path foreign = Files.createDirectories(root.resolve("foreign"));
        Files.writeString(foreign.resolve("1_init.sql"), "select 1;");

        MigrationResolver.Resolution resolution = new MigrationResolver(getClass().getClassLoader()).resolve(
                List.of("filesystem:" + volume.dir(), "filesystem:" + full, "filesystem:" + foreign,
                        "filesystem:" + root.resolve("absent")), List.of());

        assertThat(resolution.emptyLocations()).containsExactly("filesystem:" + volume.dir(),
                "filesystem:" + foreign);
    }
}
