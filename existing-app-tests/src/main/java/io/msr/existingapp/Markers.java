package io.msr.existingapp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Records that a piece of the application's work ran, as a file named after it in {@code app.markers}. */
@Component
public class Markers {

    private final String folder;

    public Markers(@Value("${app.markers:}") String folder) {
        this.folder = folder;
    }

    public void ran(String name) {
        if (folder.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(folder));
            Files.writeString(Path.of(folder, name), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
