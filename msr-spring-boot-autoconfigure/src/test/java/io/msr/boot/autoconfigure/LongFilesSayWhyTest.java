package io.msr.boot.autoconfigure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source file past 300 lines says why in its class comment: the Javadoc of its top-level type has a sentence that
 * starts "It is long because". Most files stay well under; the few that cannot give their reason where a reader
 * starts. The same test guards msr-core.
 */
class LongFilesSayWhyTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final int MAX_LINES = 300;
    private static final String REASON = "It is long because";
    /** A top-level type's declaration: at the start of a line, after its annotations and modifiers. */
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile("^(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*"
            + "(?:(?:public|protected|private|abstract|final|sealed|non-sealed|static|strictfp)\\s+)*"
            + "(?:class|interface|enum|record|@interface)\\s", Pattern.MULTILINE);

    @Test
    void everyFileOver300LinesSaysWhyInItsClassComment() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), SOURCES.toAbsolutePath() + " is not there");
        List<String> unexplained = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() > MAX_LINES && !classComment(String.join("\n", lines)).contains(REASON)) {
                    unexplained.add(SOURCES.relativize(file) + " (" + lines.size() + " lines)");
                }
            }
        }
        assertEquals(List.of(), unexplained, "Files over " + MAX_LINES + " lines whose class comment does not say"
                + " \"" + REASON + " ...\": split them, or give the reason");
    }

    @Test
    void readsTheReasonAcrossTheLinesOfTheClassComment() {
        String source = "package a;\n\nimport b.C;\n\n/**\n * Does a thing.\n *\n * <p>It is long\n * because it must"
                + " be.\n */\n@Deprecated(since = \"1\")\npublic final class D {\n    /** It is short. */\n}\n";
        assertTrue(classComment(source).contains(REASON), classComment(source));
        assertEquals("", classComment("package a;\n\nclass D {\n}\n"));
    }

    /** The Javadoc just before the top-level type, its lines joined without their leading asterisks. */
    static String classComment(String source) {
        Matcher type = TOP_LEVEL_TYPE.matcher(source);
        if (!type.find()) {
            return "";
        }
        int start = source.lastIndexOf("/**", type.start());
        int end = source.indexOf("*/", start + 3);
        if (start < 0 || end > type.start()) {
            return "";
        }
        return source.substring(start + 3, end).replaceAll("\\s*\\n\\s*\\*?\\s*", " ");
    }
}
