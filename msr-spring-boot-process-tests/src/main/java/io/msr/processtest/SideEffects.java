package io.msr.processtest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Records that a side effect happened, as an empty file named after it in {@code test.markers}. */
@Component
public class SideEffects {

    private final String folder;

    public SideEffects(@Value("${test.markers:}") String folder) {
        this.folder = folder;
    }

    public void happened(String name) {
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
