package io.msr.internal.sql;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces placeholders {@code ${name}} in SQL text, everywhere in the text as Flyway does: in strings,
 * comments and dollar-quoted bodies alike. A name is a letter or {@code _} followed by letters, digits, {@code _},
 * {@code .} or {@code -}, optionally prefixed {@code msr:} or {@code flyway:}; a {@code ${} that does not start such a name and its
 * closing brace is left as it is. There is no escape syntax.
 */
public final class PlaceholderReplacer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{((?:msr:|flyway:)?[A-Za-z_][A-Za-z0-9_.-]*)}");

    private PlaceholderReplacer() {
    }

    /**
     * One placeholder in a text.
     *
     * @param name  its name, as written
     * @param index the index of its {@code $} in the text
     */
    public record Found(String name, int index) {
    }

    /** Returns every well-formed placeholder of the text, in order. */
    public static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        if (!text.contains("${")) {
            return found;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(new Found(matcher.group(1), matcher.start()));
        }
        return found;
    }

    /**
     * Replaces each placeholder with {@code values.apply(name)}; a placeholder whose value is null stays as written.
     * The result maps its indexes back to the text's, so an error position still names the line as written.
     */
    public static Replaced replace(String text, Function<String, ? extends @Nullable String> values) {
        List<Span> spans = new ArrayList<>();
        if (!text.contains("${")) {
            return new Replaced(text, spans);
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String value = values.apply(matcher.group(1));
            if (value == null) {
                continue;
            }
            out.append(text, copied, matcher.start());
            int start = out.length();
            out.append(value);
            spans.add(new Span(matcher.group(1), start, out.length(), matcher.start(), matcher.end()));
            copied = matcher.end();
        }
        out.append(text, copied, text.length());
        return new Replaced(out.toString(), spans);
    }

    /** A text unchanged by replacement. */
    public static Replaced unchanged(String text) {
        return new Replaced(text, List.of());
    }

    /**
     * A replaced value: where it is in the result and where its placeholder was in the original.
     *
     * @param name          the placeholder's name, as written
     * @param start         the index of the value's first character in the result
     * @param end           the index just after the value in the result
     * @param originalStart the index of the placeholder's {@code $} in the original
     * @param originalEnd   the index just after the placeholder's {@code }} in the original
     */
    public record Span(String name, int start, int end, int originalStart, int originalEnd) {
    }

    /** The text after replacement, with the way back to the original's indexes. */
    public static final class Replaced {

        private final String text;
        private final List<Span> spans;

        private Replaced(String text, List<Span> spans) {
            this.text = text;
            this.spans = List.copyOf(spans);
        }

        /** Returns the replaced text. */
        public String text() {
            return text;
        }

        /** Returns the replaced values, in order; empty when nothing was replaced. */
        public List<Span> spans() {
            return spans;
        }

        /**
         * Returns the index in the original text of a character of the replaced text: the placeholder's {@code $}
         * for a character of a replaced value.
         */
        public int originalIndex(int index) {
            int shift = 0;
            for (Span span : spans) {
                if (index < span.start) {
                    break;
                }
                if (index < span.end) {
                    return span.originalStart;
                }
                shift = span.originalEnd - span.end;
            }
            return index + shift;
        }
    }
}
