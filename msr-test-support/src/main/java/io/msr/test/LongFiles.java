package io.msr.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The house rule on long files, shared by the modules' tests: a source file past 300 lines says why in its class
 * comment, the Javadoc of its top-level type holding a sentence that starts "It is long because". Most files stay
 * well under; the few that cannot give their reason where a reader starts.
 */
public final class LongFiles {

    /** The most lines a file may have without giving a reason. */
    public static final int MAX_LINES = 300;
    /** How the reason starts. */
    public static final String REASON = "It is long because";
    /** A top-level type's declaration: at the start of a line, after its annotations and modifiers. */
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile("^(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*"
            + "(?:(?:public|protected|private|abstract|final|sealed|non-sealed|static|strictfp)\\s+)*"
            + "(?:class|interface|enum|record|@interface)\\s", Pattern.MULTILINE);

    private LongFiles() {
    }

    /**
     * Returns the {@code .java} files under {@code sources} past {@link #MAX_LINES} whose class comment gives no
     * reason, each as its path relative to {@code sources} and its line count, sorted; empty when all comply.
     *
     * @throws IllegalArgumentException when {@code sources} is not a directory (a wrong path must not pass quietly)
     */
    public static List<String> unexplained(Path sources) {
        if (!Files.isDirectory(sources)) {
            throw new IllegalArgumentException(sources.toAbsolutePath() + " is not there");
        }
        List<String> unexplained = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() > MAX_LINES && !classComment(String.join("\n", lines)).contains(REASON)) {
                    unexplained.add(sources.relativize(file) + " (" + lines.size() + " lines)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return unexplained;
    }

    /** Returns the Javadoc just before the top-level type, its lines joined without their leading asterisks. */
    public static String classComment(String source) {
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
