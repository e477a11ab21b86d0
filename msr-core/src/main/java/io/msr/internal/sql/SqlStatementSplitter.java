package io.msr.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a PostgreSQL script into statements at top-level semicolons, the way psql does: semicolons inside
 * {@code --} and nested {@code /* *\/} comments, quoted strings (including {@code E'...'} with backslash
 * escapes), quoted identifiers, dollar-quoted bodies ({@code $$...$$}, {@code $fn$...$fn$}) and
 * {@code BEGIN ATOMIC ... END} function bodies do not split. Statements keep their text exactly as written.
 */
public final class SqlStatementSplitter {

    private SqlStatementSplitter() {
    }

    /** Returns the statements of a script; chunks holding only whitespace and comments are left out. */
    public static List<SqlStatement> split(String script) {
        List<SqlStatement> statements = new ArrayList<>();
        int length = script.length();
        int start = 0;
        boolean content = false;
        List<String> words = new ArrayList<>();
        int blockDepth = 0;
        int i = 0;
        while (i < length) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < length && script.charAt(i + 1) == '-') {
                i = lineEnd(script, i);
                continue;
            }
            if (c == '/' && i + 1 < length && script.charAt(i + 1) == '*') {
                i = SqlLexing.blockCommentEnd(script, i);
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == ';' && blockDepth == 0) {
                if (content) {
                    statements.add(statement(script, start, i + 1));
                }
                start = i + 1;
                content = false;
                words.clear();
                i++;
                continue;
            }
            content = true;
            if (c == '\'') {
                boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
                        && (i < 2 || !identifierPart(script.charAt(i - 2)));
                i = quotedEnd(script, i, '\'', escapes);
            } else if (c == '"') {
                i = quotedEnd(script, i, '"', false);
            } else if (c == '$' && (i == 0 || !identifierPart(script.charAt(i - 1)))) {
                i = dollarQuotedEnd(script, i);
            } else if (identifierStart(c)) {
                int end = i + 1;
                while (end < length && identifierPart(script.charAt(end))) {
                    end++;
                }
                String word = script.substring(i, end).toUpperCase(Locale.ROOT);
                blockDepth = trackBlocks(words, word, blockDepth);
                words.add(word);
                i = end;
            } else {
                i++;
            }
        }
        if (content) {
            statements.add(statement(script, start, length));
        }
        return statements;
    }

    /** Counts BEGIN ATOMIC ... END nesting inside CREATE FUNCTION and CREATE PROCEDURE statements. */
    private static int trackBlocks(List<String> words, String word, int depth) {
        if (!routine(words)) {
            return depth;
        }
        if ("ATOMIC".equals(word) && !words.isEmpty() && "BEGIN".equals(words.get(words.size() - 1))) {
            return depth + 1;
        }
        if (depth > 0 && "CASE".equals(word)) {
            return depth + 1;
        }
        if (depth > 0 && "END".equals(word)) {
            return depth - 1;
        }
        return depth;
    }

    private static boolean routine(List<String> words) {
        if (words.isEmpty() || !"CREATE".equals(words.get(0))) {
            return false;
        }
        int next = 1;
        if (words.size() > 2 && "OR".equals(words.get(1)) && "REPLACE".equals(words.get(2))) {
            next = 3;
        }
        return words.size() > next && ("FUNCTION".equals(words.get(next)) || "PROCEDURE".equals(words.get(next)));
    }

    private static SqlStatement statement(String script, int start, int end) {
        int first = start;
        while (first < end && Character.isWhitespace(script.charAt(first))) {
            first++;
        }
        return new SqlStatement(script.substring(first, end), first);
    }

    private static int lineEnd(String script, int from) {
        int end = script.indexOf('\n', from);
        return end < 0 ? script.length() : end + 1;
    }


    private static int quotedEnd(String script, int from, char quote, boolean backslashEscapes) {
        int i = from + 1;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private static int dollarQuotedEnd(String script, int from) {
        int i = from + 1;
        while (i < script.length() && identifierPart(script.charAt(i)) && script.charAt(i) != '$') {
            i++;
        }
        if (i >= script.length() || script.charAt(i) != '$' || (i > from + 1 && Character.isDigit(script.charAt(from + 1)))) {
            return from + 1;
        }
        String tag = script.substring(from, i + 1);
        int close = script.indexOf(tag, i + 1);
        return close < 0 ? script.length() : close + tag.length();
    }

    private static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
