package io.msr.internal.source;

import io.msr.JavaMigration;
import io.msr.MigrationContext;
import io.msr.MsrSettings;
import io.msr.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/** Resolving again reads only what can have changed: filesystem files whose listing changed, never the classpath. */
class ResolutionCacheTest {

    @TempDir
    Path dir;

    /** A Java migration, to see that it is resolved once. */
    static final class V5__Java implements JavaMigration {
        @Override
        public void up(MigrationContext context) {
        }
    }

    @Test
    void anUnchangedFilesystemLocationIsListedNotReadAndGivesTheSameResolution() throws Exception {
        Files.writeString(dir.resolve("V1_a.up.sql"), "select 1;");
        ResolutionCache cache = new ResolutionCache(getClass().getClassLoader());
        List<JavaMigration> java = List.of(new V5__Java());
        MsrSettings settings = settings("filesystem:" + dir);

        MigrationResolver.Resolution first = cache.resolve(settings, java);
        MigrationResolver.Resolution second = cache.resolve(settings, java);

        assertThat(second).isSameAs(first);
        assertThat(cache.locationReads()).isEqualTo(1);
        assertThat(first.migrations()).extracting(ResolvedMigration::version).containsExactly(Version.of(1),
                Version.of(5));
    }

    @Test
    void aFileAddedOrEditedBetweenTwoCallsIsSeen() throws Exception {
        Files.writeString(dir.resolve("V1_a.up.sql"), "select 1;");
        ResolutionCache cache = new ResolutionCache(getClass().getClassLoader());
        List<JavaMigration> java = List.of(new V5__Java());
        MsrSettings settings = settings("filesystem:" + dir);
        MigrationResolver.Resolution first = cache.resolve(settings, java);

        Files.writeString(dir.resolve("V2_b.up.sql"), "select 2;");
        MigrationResolver.Resolution added = cache.resolve(settings, java);
        assertThat(added.migrations()).extracting(ResolvedMigration::version).containsExactly(Version.of(1),
                Version.of(2), Version.of(5));
        assertThat(cache.locationReads()).isEqualTo(2);

        Files.writeString(dir.resolve("V1_a.up.sql"), "select 1 + 1;");
        MigrationResolver.Resolution edited = cache.resolve(settings, java);
        assertThat(edited.migrations().get(0).checksum()).isNotEqualTo(first.migrations().get(0).checksum());
        // The Java migration was resolved once: the same resolved value each time.
        assertThat(edited.migrations().get(2)).isSameAs(first.migrations().get(1));

        Files.delete(dir.resolve("V2_b.up.sql"));
        assertThat(cache.resolve(settings, java).migrations()).hasSize(2);
    }

    @Test
    void aClasspathFolderIsReadOnce() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/db/cp"));
        Files.writeString(classes.resolve("V1_a.up.sql"), "select 1;");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            ResolutionCache cache = new ResolutionCache(loader);
            MsrSettings settings = settings("classpath:db/cp");
            MigrationResolver.Resolution first = cache.resolve(settings, List.of());
            Files.writeString(classes.resolve("V2_b.up.sql"), "select 2;");

            assertThat(cache.resolve(settings, List.of())).isSameAs(first);
            assertThat(cache.locationReads()).isEqualTo(1);
            assertThat(first.migrations()).extracting(ResolvedMigration::version).containsExactly(Version.of(1));
        }
    }

    @Test
    void aClasspathJarIsReadOnceBesideAFilesystemLocationThatChanges() throws Exception {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("db/jar/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("db/jar/V1_a.up.sql"));
            out.write("select 1;".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path folder = Files.createDirectories(dir.resolve("fs"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ResolutionCache cache = new ResolutionCache(loader);
            MsrSettings settings = settings("classpath:db/jar", "filesystem:" + folder);
            assertThat(cache.resolve(settings, List.of()).migrations()).hasSize(1);
            assertThat(cache.resolve(settings, List.of()).migrations()).hasSize(1);
            assertThat(cache.locationReads()).isEqualTo(2);

            try (OutputStream file = Files.newOutputStream(folder.resolve("V2_b.up.sql"))) {
                file.write("select 2;".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(cache.resolve(settings, List.of()).migrations()).extracting(ResolvedMigration::version)
                    .containsExactly(Version.of(1), Version.of(2));
            assertThat(cache.locationReads()).as("only the filesystem location was read again").isEqualTo(3);
        }
    }

    @Test
    void changedPlaceholdersAreCheckedAgain() throws Exception {
        Files.writeString(dir.resolve("V1_a.up.sql"), "select '${who}';");
        ResolutionCache cache = new ResolutionCache(getClass().getClassLoader());
        assertThat(cache.resolve(settings("filesystem:" + dir), List.of()).issues())
                .extracting(io.msr.Issue::code).containsExactly("UNKNOWN_PLACEHOLDER");
        MsrSettings withValue = MsrSettings.builder().locations("filesystem:" + dir)
                .placeholders(java.util.Map.of("who", "me")).build();
        assertThat(cache.resolve(withValue, List.of()).issues()).isEmpty();
        assertThat(cache.locationReads()).isEqualTo(1);
    }

    private static MsrSettings settings(String... locations) {
        return MsrSettings.builder().locations(locations).build();
    }
}
