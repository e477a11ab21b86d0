package io.msr.internal.sql;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads PostgreSQL SQL as {@link SqlToken}s with the server's lexical rules, so that the statement splitter and
 * the lint agree on what is code and what is inside a literal or a comment. The rules:
 * <ul>
 * <li>Whitespace (space, tab, line feed, carriage return, form feed, vertical tab: nothing else) and comments separate
 *     tokens and are skipped: {@code --} to the next line feed or carriage return, {@code /* *\/} nested.
 *     {@code --} and {@code /*} start a comment even right after an operator ({@code a+--c}).</li>
 * <li>A word starts with a letter, {@code _} or any non-ASCII character and goes on with those, digits and
 *     {@code $} ({@code a$b$} is one word, not a dollar quote).</li>
 * <li>{@code '...'} doubles a quote to escape it and takes backslashes literally (standard_conforming_strings
 *     on, the default since PostgreSQL 9.1); so do {@code U&'...'}, {@code B'...'}, {@code X'...'} and
 *     {@code N'...'}. {@code E'...'} also escapes with backslashes ({@code E'it\'s'}). A literal continued in
 *     another quoted segment after a newline is one token, with the first segment's escape rules, as on the
 *     server.</li>
 * <li>{@code $$...$$} and {@code $tag$...$tag$} (a tag is a word without {@code $} that starts with no digit)
 *     are one token up to the same tag; {@code $1} is a parameter.</li>
 * <li>A text that ends inside a literal, quoted identifier, dollar-quoted body or block comment ends with one
 *     {@link SqlToken.Kind#UNTERMINATED} token; the server reports the error when that SQL runs.</li>
 * </ul>
 * One pass over the text, linear in its length.
 *
 * <p>It is long because it is one state machine over one cursor: each rule above is a method that reads from and
 * moves the same position, so splitting the rules apart would spread that one piece of state over several classes.
 */
public final class SqlLexer {

    private static final String OPERATOR_CHARACTERS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private final int length;
    private int position;

    /** Creates a lexer over a text; {@link #next()} reads its tokens one at a time, keeping none. */
    public SqlLexer(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    /** Returns the tokens of a text, in order, with offsets into it; empty for a text of only whitespace. */
    public static List<SqlToken> tokens(String sql) {
        List<SqlToken> tokens = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql);
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            tokens.add(token);
        }
        return tokens;
    }

    /** Returns the next token, or null at the end of the text. */
    public @Nullable SqlToken next() {
        while (position < length) {
            int start = position;
            char c = sql.charAt(start);
            if (space(c)) {
                position++;
            } else if (c == '-' && at(start + 1, '-')) {
                position = lineEnd(start);
            } else if (c == '/' && at(start + 1, '*')) {
                int end = blockCommentEnd(start);
                if (end < 0) {
                    return unterminated(start);
                }
                position = end;
            } else {
                return token(start, c);
            }
        }
        return null;
    }

    /** Returns the index just after the last token {@link #next()} returned (or the comments it skipped). */
    int end() {
        return position;
    }

    private SqlToken token(int start, char c) {
        if (c == '\'') {
            return string(start, start, false);
        }
        if (c == '"') {
            return quotedIdentifier(start, start);
        }
        if (identifierStart(c) || placeholderEnd(start) > 0) {
            return word(start, c);
        }
        if (c == '$') {
            return dollar(start);
        }
        if (digit(c) || (c == '.' && start + 1 < length && digit(sql.charAt(start + 1)))) {
            return number(start);
        }
        int end = start + 1;
        if (OPERATOR_CHARACTERS.indexOf(c) >= 0) {
            while (end < length && OPERATOR_CHARACTERS.indexOf(sql.charAt(end)) >= 0
                    && !(at(end, '-') && at(end + 1, '-')) && !(at(end, '/') && at(end + 1, '*'))) {
                end++;
            }
            return advance(SqlToken.Kind.OPERATOR, sql.substring(start, end), start, end);
        }
        return advance(SqlToken.Kind.PUNCTUATION, String.valueOf(c), start, end);
    }

    private SqlToken word(int start, char c) {
        char next = start + 1 < length ? sql.charAt(start + 1) : 0;
        if (next == '\'' && "EeBbXxNn".indexOf(c) >= 0) {
            return string(start, start + 1, c == 'E' || c == 'e');
        }
        if ((c == 'U' || c == 'u') && next == '&' && at(start + 2, '\'')) {
            return string(start, start + 2, false);
        }
        if ((c == 'U' || c == 'u') && next == '&' && at(start + 2, '"')) {
            return quotedIdentifier(start, start + 2);
        }
        int end = start;
        while (end < length) {
            int placeholder = placeholderEnd(end);
            if (placeholder > 0) {
                end = placeholder;
            } else if (identifierPart(sql.charAt(end))) {
                end++;
            } else {
                break;
            }
        }
        return advance(SqlToken.Kind.WORD, sql.substring(start, end).toUpperCase(Locale.ROOT), start, end);
    }

    /**
     * Returns where a placeholder such as {@code ${schema}} or {@code ${msr:schema}} starting at {@code at} ends, or
     * -1. A placeholder is part of a name ({@code ${schema}.users}, {@code ${prefix}_users}), never a dollar quote,
     * so the rules read the statement the way it runs once the value replaces it.
     */
    private int placeholderEnd(int at) {
        if (!at(at, '$') || !at(at + 1, '{')) {
            return -1;
        }
        int end = at + 2;
        while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || "_.:-".indexOf(sql.charAt(end)) >= 0)) {
            end++;
        }
        return end > at + 2 && at(end, '}') ? end + 1 : -1;
    }

    /** Reads a literal whose opening quote is at {@code quote}, joining segments continued after a newline. */
    private SqlToken string(int start, int quote, boolean backslashEscapes) {
        int from = quote + 1;
        while (true) {
            int close = backslashEscapes ? escapedStringEnd(from) : sql.indexOf('\'', from);
            if (close < 0) {
                return unterminated(start);
            }
            if (at(close + 1, '\'')) {
                from = close + 2;
                continue;
            }
            int continued = continuation(close + 1);
            if (continued < 0) {
                return advance(SqlToken.Kind.STRING, sql.substring(start, close + 1), start, close + 1);
            }
            from = continued + 1;
        }
    }

    /** Returns the index of the next quote not escaped by a backslash, or -1. */
    private int escapedStringEnd(int from) {
        for (int i = from; i < length; i++) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index of the quote that continues a literal ending just before {@code from}, or -1. */
    private int continuation(int from) {
        boolean newline = false;
        int i = from;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\n' || c == '\r') {
                newline = true;
                i++;
            } else if (space(c)) {
                i++;
            } else if (c == '-' && at(i + 1, '-')) {
                i = lineEnd(i);
            } else {
                break;
            }
        }
        return newline && at(i, '\'') ? i : -1;
    }

    private SqlToken quotedIdentifier(int start, int quote) {
        int from = quote + 1;
        while (true) {
            int close = sql.indexOf('"', from);
            if (close < 0) {
                return unterminated(start);
            }
            if (at(close + 1, '"')) {
                from = close + 2;
                continue;
            }
            String name = sql.substring(quote + 1, close);
            return advance(SqlToken.Kind.QUOTED_IDENTIFIER, name.indexOf('"') < 0 ? name : name.replace("\"\"", "\""),
                    start, close + 1);
        }
    }

    private SqlToken dollar(int start) {
        int end = start + 1;
        if (end < length && digit(sql.charAt(end))) {
            while (end < length && digit(sql.charAt(end))) {
                end++;
            }
            return advance(SqlToken.Kind.PARAMETER, sql.substring(start, end), start, end);
        }
        if (end < length && identifierStart(sql.charAt(end))) {
            while (end < length && (identifierStart(sql.charAt(end)) || digit(sql.charAt(end)))) {
                end++;
            }
        }
        if (!at(end, '$')) {
            return advance(SqlToken.Kind.PUNCTUATION, "$", start, start + 1);
        }
        String tag = sql.substring(start, end + 1);
        int close = sql.indexOf(tag, end + 1);
        if (close < 0) {
            return unterminated(start);
        }
        return advance(SqlToken.Kind.DOLLAR_STRING, sql.substring(start, close + tag.length()), start,
                close + tag.length());
    }

    private SqlToken number(int start) {
        int end = alphanumericEnd(start);
        if (at(end, '.') && !at(end + 1, '.')) {
            end = alphanumericEnd(end + 1);
        }
        char last = sql.charAt(end - 1);
        boolean hex = sql.startsWith("0x", start) || sql.startsWith("0X", start);
        if ((last == 'e' || last == 'E') && !hex && (at(end, '+') || at(end, '-')) && end + 1 < length
                && digit(sql.charAt(end + 1))) {
            end = alphanumericEnd(end + 1);
        }
        return advance(SqlToken.Kind.NUMBER, sql.substring(start, end), start, end);
    }

    private int alphanumericEnd(int from) {
        int end = from;
        while (end < length && (digit(sql.charAt(end)) || asciiLetter(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    /** Returns the index just after the nested block comment starting at {@code start}, or -1 if it never ends. */
    private int blockCommentEnd(int start) {
        int depth = 0;
        int i = start;
        while (i < length) {
            if (at(i, '/') && at(i + 1, '*')) {
                depth++;
                i += 2;
            } else if (at(i, '*') && at(i + 1, '/')) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Returns the index of the line break ending the {@code --} comment at {@code start}, or the text's length. */
    private int lineEnd(int start) {
        for (int i = start + 2; i < length; i++) {
            char c = sql.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return length;
    }

    private SqlToken unterminated(int start) {
        return advance(SqlToken.Kind.UNTERMINATED, sql.substring(start), start, length);
    }

    private SqlToken advance(SqlToken.Kind kind, String text, int start, int end) {
        position = end;
        return new SqlToken(kind, text, start);
    }

    private boolean at(int index, char c) {
        return index < length && sql.charAt(index) == c;
    }

    /**
     * Returns true for the server's whitespace ({@code space} in its scanner, scan.l): only these six characters.
     * Other control characters are tokens of their own, and characters from U+0080 up, U+00A0 and U+3000 included,
     * are identifier characters ({@code x\u3000$$} is one word), so Java's wider idea of whitespace does not apply.
     * Vertical tab is whitespace from PostgreSQL 16 on; before, it is a token the server rejects, so it separates
     * tokens either way.
     */
    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean identifierStart(char c) {
        return asciiLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean identifierPart(char c) {
        return identifierStart(c) || digit(c) || c == '$';
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
