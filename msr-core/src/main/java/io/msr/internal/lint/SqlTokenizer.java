package io.msr.internal.lint;

import io.msr.internal.sql.SqlLexing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a PostgreSQL statement into tokens, skipping comments and keeping string literals, quoted identifiers
 * and dollar-quoted bodies as single opaque tokens, so that a keyword inside a string or a function body is
 * never mistaken for the statement's own.
 */
final class SqlTokenizer {

    private SqlTokenizer() {
    }

    static List<SqlToken> tokens(String sql) {
        List<SqlToken> tokens = new ArrayList<>();
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = SqlLexing.blockCommentEnd(sql, i);
            } else if (c == '\'') {
                int end = quoted(sql, i, '\'');
                tokens.add(new SqlToken("'", i, false));
                i = end;
            } else if (c == '"') {
                int end = quoted(sql, i, '"');
                tokens.add(new SqlToken(sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""), i, true));
                i = end;
            } else if (c == '$' && i + 1 < length && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))) {
                int tagEnd = sql.indexOf('$', i + 1);
                String tag = tagEnd < 0 ? "$" : sql.substring(i, tagEnd + 1);
                int close = tagEnd < 0 ? -1 : sql.indexOf(tag, tagEnd + 1);
                tokens.add(new SqlToken("$", i, false));
                i = close < 0 ? length : close + tag.length();
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new SqlToken(sql.substring(i, end).toUpperCase(Locale.ROOT), i, true));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new SqlToken(sql.substring(i, end), i, false));
                i = end;
            } else {
                tokens.add(new SqlToken(String.valueOf(c), i, false));
                i++;
            }
        }
        return tokens;
    }

    private static int quoted(String sql, int from, char quote) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

}
