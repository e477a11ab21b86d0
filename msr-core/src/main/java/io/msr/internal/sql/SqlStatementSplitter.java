package io.msr.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements at top-level semicolons of its {@link SqlLexer} tokens, where the server
 * ends them when it runs the script as one query: semicolons inside comments, literals, quoted identifiers,
 * dollar-quoted bodies and {@code BEGIN ATOMIC ... END} function bodies do not split. Statements keep their text exactly as written, leading comments included.
 *
 * <p>A script that ends inside a literal, quoted identifier, dollar-quoted body or block comment has its rest, from
 * the last top-level semicolon before it, as its last statement: the server reports the error (with its line) when
 * that statement runs, instead of the rest of the script being lost or split in the wrong places.
 */
public final class SqlStatementSplitter {

    private SqlStatementSplitter() {
    }

    /** Returns the statements of a script; chunks holding only whitespace and comments are left out. */
    public static List<SqlStatement> split(String script) {
        List<SqlStatement> statements = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(script);
        AtomicBodies bodies = new AtomicBodies();
        int start = 0;
        boolean content = false;
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            if (token.isSymbol(";") && bodies.depth == 0) {
                if (content) {
                    statements.add(statement(script, start, token.offset() + 1));
                }
                start = token.offset() + 1;
                content = false;
                bodies = new AtomicBodies();
            } else {
                content = true;
                bodies.track(token);
            }
        }
        if (content) {
            statements.add(statement(script, start, script.length()));
        }
        return statements;
    }

    private static SqlStatement statement(String script, int start, int end) {
        int first = start;
        while (first < end && Character.isWhitespace(script.charAt(first))) {
            first++;
        }
        return new SqlStatement(script.substring(first, end), first);
    }

    /** Counts BEGIN ATOMIC ... END nesting, with CASE ... END inside, in one CREATE FUNCTION or PROCEDURE. */
    private static final class AtomicBodies {

        private final String[] head = new String[4];
        private int words;
        private SqlToken previous;
        private int depth;

        void track(SqlToken token) {
            if (token.kind() == SqlToken.Kind.WORD) {
                if (words < head.length) {
                    head[words++] = token.text();
                }
                if (routine()) {
                    if (token.is("ATOMIC") && previous != null && previous.is("BEGIN")) {
                        depth++;
                    } else if (depth > 0 && token.is("CASE")) {
                        depth++;
                    } else if (depth > 0 && token.is("END")) {
                        depth--;
                    }
                }
            }
            previous = token;
        }

        private boolean routine() {
            if (words < 2 || !"CREATE".equals(head[0])) {
                return false;
            }
            int kind = words >= 4 && "OR".equals(head[1]) && "REPLACE".equals(head[2]) ? 3 : 1;
            return "FUNCTION".equals(head[kind]) || "PROCEDURE".equals(head[kind]);
        }
    }
}
