package io.msr.internal.source;

import io.msr.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocationScannerTest {

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void walksFoldersRecursivelySkippingHiddenOnes() throws IOException {
        write("db/V2_b.up.sql", "select 2;");
        write("db/sub/V1_a.up.sql", "select 1;");
        write("db/.hidden/V3_c.up.sql", "select 3;");
        write("db/.V4_d.up.sql", "select 4;");
        write("db/notes.txt", "not sql");
        LocationScanner.Scan scan = new LocationScanner(getClass().getClassLoader())
                .scan(List.of(MigrationLocation.parse("filesystem:" + root.resolve("db"))));
        assertThat(scan.files()).extracting(ScriptFile::path).containsExactly("V2_b.up.sql", "sub/V1_a.up.sql");
        assertThat(scan.issues()).isEmpty();
    }

    @Test
    void aConfiguredLocationThatDoesNotExistIsAnErrorNamingIt() {
        LocationScanner.Scan scan = new LocationScanner(getClass().getClassLoader())
                .scan(List.of(MigrationLocation.parse("classpath:no/such/folder"),
                        MigrationLocation.parse("filesystem:" + root.resolve("typo/path"))));
        assertThat(scan.issues()).hasSize(2).allSatisfy(issue -> {
            assertThat(issue.isError()).isTrue();
            assertThat(issue.code()).isEqualTo("LOCATION_MISSING");
            assertThat(issue.message()).contains("msr.locations");
        });
        assertThat(scan.issues().get(0).message()).contains("classpath:no/such/folder");
        assertThat(scan.issues().get(1).message()).contains(root.resolve("typo/path").toString());
    }

    @Test
    void onlyTheDefaultLocationMayBeAbsentWithAWarning() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            LocationScanner.Scan scan = new LocationScanner(empty)
                    .scan(List.of(MigrationLocation.parse(io.msr.MsrSettings.DEFAULT_LOCATION)));
            assertThat(scan.issues()).singleElement().satisfies(issue -> {
                assertThat(issue.isError()).isFalse();
                assertThat(issue.message()).contains("classpath:db/msr");
            });
        }
    }

    @Test
    void rejectsALocationThatIsAFile() throws IOException {
        write("file.sql", "select 1;");
        assertThatThrownBy(() -> new LocationScanner(getClass().getClassLoader())
                .scan(List.of(MigrationLocation.parse("filesystem:" + root.resolve("file.sql")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not a readable folder");
    }

    @Test
    void readsMigrationsFromInsideAJar() throws IOException {
        Path jar = root.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("db/", "db/msr/", "db/msr/nested/", "db/msr/.git/", "db/other/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            entry(out, "db/msr/V1_a.up.sql", "select 1;");
            entry(out, "db/msr/nested/V2_b.up.sql", "select 2;");
            entry(out, "db/msr/.git/V3_c.up.sql", "select 3;");
            entry(out, "db/other/V4_d.up.sql", "select 4;");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            LocationScanner.Scan scan = new LocationScanner(loader).scan(List.of(MigrationLocation.parse("classpath:db/msr")));
            assertThat(scan.files()).extracting(ScriptFile::path).containsExactly("V1_a.up.sql", "nested/V2_b.up.sql");
            assertThat(new String(scan.files().get(0).content(), StandardCharsets.UTF_8)).isEqualTo("select 1;");
        }
    }

    @Test
    void aFileOverTheSizeLimitIsAnErrorNamingItsSizeAndTheLimitAndIsNotRead() throws IOException {
        write("db/V1_small.up.sql", "select 1;");
        write("db/V2_seed.up.sql", "x".repeat(2049));
        LocationScanner.Scan scan = new LocationScanner(getClass().getClassLoader(), 2048)
                .scan(List.of(MigrationLocation.parse("filesystem:" + root.resolve("db"))));
        assertThat(scan.files()).extracting(ScriptFile::path).containsExactly("V1_small.up.sql");
        assertThat(scan.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.isError()).isTrue();
            assertThat(issue.code()).isEqualTo("MIGRATION_TOO_LARGE");
            assertThat(issue.script()).isEqualTo("V2_seed.up.sql");
            assertThat(issue.message()).contains("V2_seed.up.sql", "(2049 bytes)", "msr.max-migration-size", "2048 bytes");
        });
    }

    @Test
    void aJarEntryOverTheSizeLimitIsAnErrorToo() throws IOException {
        Path jar = root.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("db/", "db/msr/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            entry(out, "db/msr/V1_a.up.sql", "select 1;");
            entry(out, "db/msr/V2_b.up.sql", "select 2; -- " + "x".repeat(100));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            LocationScanner.Scan scan = new LocationScanner(loader, 50).scan(List.of(MigrationLocation.parse("classpath:db/msr")));
            assertThat(scan.files()).extracting(ScriptFile::path).containsExactly("V1_a.up.sql");
            assertThat(scan.issues()).singleElement().satisfies(issue -> assertThat(issue.message())
                    .contains("classpath:db/msr/V2_b.up.sql", "(113 bytes)", "msr.max-migration-size"));
        }
    }

    @Test
    void parsesLocationPrefixes() {
        assertThat(MigrationLocation.parse("classpath:/db/msr/")).isEqualTo(
                new MigrationLocation(MigrationLocation.Kind.CLASSPATH, "db/msr"));
        assertThat(MigrationLocation.parse("db/msr").kind()).isEqualTo(MigrationLocation.Kind.CLASSPATH);
        assertThat(MigrationLocation.parse("filesystem:migrations").kind()).isEqualTo(MigrationLocation.Kind.FILESYSTEM);
        assertThatThrownBy(() -> MigrationLocation.parse("s3:bucket/x")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("classpath:<path> or filesystem:<path>");
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
