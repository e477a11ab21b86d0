package io.msr.internal.sql;

/** Lexical rules of PostgreSQL shared by the statement splitter and the linter's tokenizer. */
public final class SqlLexing {

    private SqlLexing() {
    }

    /** Returns the index just after the (possibly nested) block comment starting at {@code from}. */
    public static int blockCommentEnd(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }
}
