package io.msr.boot.autoconfigure;

import io.msr.test.LongFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spring module keeps the rule on long files ({@link LongFiles}), as msr-core does. */
class LongFilesSayWhyTest {

    @Test
    void everyFileOver300LinesSaysWhyInItsClassComment() {
        assertEquals(List.of(), LongFiles.unexplained(Path.of("src", "main", "java")), "Files over "
                + LongFiles.MAX_LINES + " lines whose class comment does not say \"" + LongFiles.REASON
                + " ...\": split them, or give the reason");
    }
}
