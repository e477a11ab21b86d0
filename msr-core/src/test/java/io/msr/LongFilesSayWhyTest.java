package io.msr;

import io.msr.test.LongFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** msr-core keeps the rule on long files ({@link LongFiles}); the Spring module has the same test. */
class LongFilesSayWhyTest {

    @Test
    void everyFileOver300LinesSaysWhyInItsClassComment() {
        assertEquals(List.of(), LongFiles.unexplained(Path.of("src", "main", "java")), "Files over "
                + LongFiles.MAX_LINES + " lines whose class comment does not say \"" + LongFiles.REASON
                + " ...\": split them, or give the reason");
    }

    @Test
    void readsTheReasonAcrossTheLinesOfTheClassComment() {
        String source = "package a;\n\nimport b.C;\n\n/**\n * Does a thing.\n *\n * <p>It is long\n * because it must"
                + " be.\n */\n@Deprecated(since = \"1\")\npublic final class D {\n    /** It is short. */\n}\n";
        assertTrue(LongFiles.classComment(source).contains(LongFiles.REASON), LongFiles.classComment(source));
        assertEquals("", LongFiles.classComment("package a;\n\nclass D {\n}\n"));
    }
}
