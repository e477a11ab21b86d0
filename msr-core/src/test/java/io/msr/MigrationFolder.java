package io.msr;

import io.msr.test.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder of migration files written by a test, and an {@link Msr} over it and a test database. */
final class MigrationFolder {

    private final Path folder;

    MigrationFolder(Path folder) {
        this.folder = folder;
    }

    MigrationFolder write(String path, String sql) {
        try {
            Path file = folder.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, sql);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigrationFolder delete(String path) {
        try {
            Files.delete(folder.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String location() {
        return "filesystem:" + folder;
    }

    MsrSettings.Builder settings() {
        return MsrSettings.builder().locations(location()).lockWaitTimeout(java.time.Duration.ofSeconds(30));
    }

    Msr msr(TestDatabase db) {
        return msr(db, settings().build());
    }

    Msr msr(TestDatabase db, MsrSettings settings, JavaMigration... java) {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password()).settings(settings).javaMigrations(java)
                .build();
    }
}
