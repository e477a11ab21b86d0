package io.msr.internal.sql;

import io.msr.internal.sql.PlaceholderReplacer.Span;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that placeholder values leave a statement as written: a value is data that fills in a name, a number or the
 * inside of a literal, never SQL that ends a statement or a literal. The statement and its replaced text are both read
 * with {@link SqlLexer}; the values keep the statement when
 * <ul>
 * <li>each value lies inside one token of the replaced text (a literal, quoted identifier, dollar-quoted body or a
 *     longer name, as {@code '${greeting}'} or {@code ${prefix}_users}), or forms whole tokens of its own where the
 *     placeholder stood alone as a token ({@code limit ${rows}}), none of them a {@code ;};</li>
 * <li>every other token reads as written: the same kind, at the same place, none missing (a value that starts a
 *     comment or a literal swallows what follows it);</li>
 * <li>and the replaced text splits into as many statements as the statement as written.</li>
 * </ul>
 * The check reads only statements with replaced values: lexing and splitting them once more.
 */
public final class PlaceholderBoundaries {

    private PlaceholderBoundaries() {
    }

    /**
     * A placeholder whose value would change the statement. Its reason never quotes the value, which may be secret.
     *
     * @param name   the placeholder's name, as written
     * @param index  the index of its {@code $} in the statement as written
     * @param reason what the value would do, a clause such as "adds a ';', which would end the statement early"
     */
    public record Breach(String name, int index, String reason) {
    }

    /** A token's kind and where it is, as written. */
    private record Place(SqlToken.Kind kind, int start, int end) {
    }

    /** Returns the first placeholder whose value changes the statement {@code written}, or empty when none does. */
    public static Optional<Breach> check(String written, PlaceholderReplacer.Replaced replaced) {
        List<Span> spans = replaced.spans();
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> standalone = new HashSet<>();
        List<Place> before = new ArrayList<>();
        for (SqlToken token : SqlLexer.tokens(written)) {
            int end = end(written, token);
            Span whole = spans.stream().filter(span -> span.originalStart() == token.offset()
                    && span.originalEnd() == end).findFirst().orElse(null);
            if (whole != null && token.kind() == SqlToken.Kind.WORD) {
                standalone.add(whole.originalStart());
            } else {
                before.add(new Place(token.kind(), token.offset(), end));
            }
        }
        String text = replaced.text();
        List<Place> after = new ArrayList<>();
        for (SqlToken token : SqlLexer.tokens(text)) {
            int start = token.offset();
            int end = end(text, token);
            boolean value = false;
            for (Span span : spans) {
                if (span.start() >= end || span.end() <= start) {
                    continue;
                }
                boolean inside = span.start() <= start && end <= span.end();
                if (!inside && !(start <= span.start() && span.end() <= end)) {
                    return Optional.of(breach(span, crossed(token.kind())));
                }
                if (inside) {
                    if (!standalone.contains(span.originalStart())) {
                        return Optional.of(breach(span, "adds SQL of its own where the placeholder stands inside a"
                                + " comment or a longer name"));
                    }
                    if (token.isSymbol(";")) {
                        return Optional.of(breach(span, "adds a ';', which would end the statement early"));
                    }
                    if (token.kind() == SqlToken.Kind.UNTERMINATED) {
                        return Optional.of(breach(span, crossed(token.kind())));
                    }
                    value = true;
                }
            }
            if (!value) {
                after.add(new Place(token.kind(), originalStart(spans, standalone, start), originalEnd(spans, end)));
            }
        }
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            if (i >= before.size() || i >= after.size() || !before.get(i).equals(after.get(i))) {
                int at = i < before.size() ? before.get(i).end() : written.length();
                return Optional.of(breach(blamed(spans, at), "changes how the SQL after it reads (it starts a comment"
                        + " or a literal that runs on past the value)"));
            }
        }
        if (SqlStatementSplitter.split(text).size() != SqlStatementSplitter.split(written).size()) {
            Span first = spans.stream().filter(span -> standalone.contains(span.originalStart())).findFirst()
                    .orElse(spans.get(0));
            return Optional.of(breach(first, "changes where the statement ends"));
        }
        return Optional.empty();
    }

    private static Breach breach(Span span, String reason) {
        return new Breach(span.name(), span.originalStart(), reason);
    }

    private static String crossed(SqlToken.Kind kind) {
        return switch (kind) {
            case STRING -> "ends or opens the quoted literal ('...') around it";
            case QUOTED_IDENTIFIER -> "ends or opens the quoted identifier (\"...\") around it";
            case DOLLAR_STRING -> "ends or opens the dollar-quoted body ($$...$$) around it";
            case UNTERMINATED -> "opens a literal, quoted identifier, dollar-quoted body or comment that it does not"
                    + " close";
            default -> "runs into the SQL next to it, making other tokens of it";
        };
    }

    /** The placeholder to blame for a token that reads differently: the last one written before its end. */
    private static Span blamed(List<Span> spans, int index) {
        Span blamed = spans.get(0);
        for (Span span : spans) {
            if (span.originalStart() < index) {
                blamed = span;
            }
        }
        return blamed;
    }

    /**
     * Maps the start of a token of the replaced text to the text as written: a value's start to its placeholder's. A
     * token right after an empty value starts at its placeholder when the placeholder was part of it
     * ({@code ${prefix}users}), after it when the placeholder stood alone ({@code to ${reader};}).
     */
    private static int originalStart(List<Span> spans, Set<Integer> standalone, int index) {
        int shift = 0;
        for (Span span : spans) {
            if (index < span.start()) {
                break;
            }
            if (index < span.end() || index == span.start() && !standalone.contains(span.originalStart())) {
                return span.originalStart();
            }
            shift = span.originalEnd() - span.end();
        }
        return index + shift;
    }

    /** Maps the end (exclusive) of a token of the replaced text to the text as written: a value's end to its {@code }}. */
    private static int originalEnd(List<Span> spans, int index) {
        int shift = 0;
        for (Span span : spans) {
            if (index < span.start() || index == span.start() && span.start() != span.end()) {
                break;
            }
            if (index <= span.end()) {
                return span.originalEnd();
            }
            shift = span.originalEnd() - span.end();
        }
        return index + shift;
    }

    /**
     * Returns the index just after a token. {@link SqlToken#text()} is the text as written for every kind but a word
     * (upper-cased, which may change its length outside ASCII) and a quoted identifier (without its quotes).
     */
    static int end(String sql, SqlToken token) {
        int start = token.offset();
        String text = token.text();
        if (token.kind() == SqlToken.Kind.WORD) {
            int end = start + text.length();
            if (end <= sql.length() && sql.substring(start, end).toUpperCase(Locale.ROOT).equals(text)) {
                return end;
            }
            for (end = start + 1; end <= sql.length(); end++) {
                if (sql.substring(start, end).toUpperCase(Locale.ROOT).equals(text)) {
                    return end;
                }
            }
            return sql.length();
        }
        if (token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
            int quote = sql.indexOf('"', start);
            int i = quote + 1;
            while (i < sql.length()) {
                if (sql.charAt(i) == '"') {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return sql.length();
        }
        return start + text.length();
    }
}
