package io.msr.boot.autoconfigure.oneshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ResultFilesTest {

    @TempDir
    Path folder;

    @Test
    void writesTheSummaryCreatingTheMissingFolders() throws Exception {
        Path summary = folder.resolve("out/msr/summary.json");

        ResultFiles.writeSummary(summary, "{\"success\":true}");

        assertThat(Files.readString(summary)).isEqualTo("{\"success\":true}");
    }

    @Test
    void neverThrowsForAPathThatCannotBeAFileSuchAsTheRoot() {
        assertThatCode(() -> ResultFiles.writeSummary(Path.of("/"), "{}")).doesNotThrowAnyException();
    }
}
