package io.msr.internal.sql;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements where the server's parser ends them when it runs the script as one
 * query, at the semicolons of its {@link SqlLexer} tokens that are not inside:
 * <ul>
 * <li>comments, literals, quoted identifiers or dollar-quoted bodies (the lexer reads those as one token);</li>
 * <li>parentheses or brackets, which nest: {@code CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT ...; INSERT ...)}
 *     is one statement;</li>
 * <li>a {@code BEGIN ATOMIC ... END} body of a {@code CREATE [OR REPLACE] FUNCTION} or {@code PROCEDURE}: the body
 *     ends at an {@code END} that directly follows one of its semicolons (or {@code ATOMIC}), as in the grammar, so a
 *     {@code CASE ... END} or a column named {@code end} or {@code case} inside it does not end it.</li>
 * </ul>
 * A statement's text runs from its first token to its semicolon, exactly as written: comments and whitespace before it
 * are not part of it, so its offset is where its SQL starts.
 *
 * <p>A script that ends inside a literal, quoted identifier, dollar-quoted body, block comment, parenthesis or body has
 * its rest, from the last statement end before it, as its last statement: the server reports the error (with its line)
 * when that statement runs, instead of the rest of the script being lost or split in the wrong places.
 */
public final class SqlStatementSplitter {

    private SqlStatementSplitter() {
    }

    /** Returns the statements of a script; chunks holding only whitespace and comments are left out. */
    public static List<SqlStatement> split(String script) {
        List<SqlStatement> statements = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(script);
        Nesting nesting = new Nesting();
        int first = -1;
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            if (token.isSymbol(";") && nesting.outside()) {
                if (first >= 0) {
                    statements.add(new SqlStatement(script.substring(first, token.offset() + 1), first));
                }
                first = -1;
                nesting = new Nesting();
            } else {
                if (first < 0) {
                    first = token.offset();
                }
                nesting.track(token);
            }
        }
        if (first >= 0) {
            statements.add(new SqlStatement(script.substring(first), first));
        }
        return statements;
    }

    /** Follows the parentheses, brackets and BEGIN ATOMIC bodies of one statement. */
    private static final class Nesting {

        private final String[] head = new String[4];
        private int words;
        private @Nullable SqlToken previous;
        private int parentheses;
        private int bodies;

        boolean outside() {
            return parentheses == 0 && bodies == 0;
        }

        void track(SqlToken token) {
            if (token.kind() == SqlToken.Kind.PUNCTUATION) {
                if (token.isSymbol("(") || token.isSymbol("[")) {
                    parentheses++;
                } else if ((token.isSymbol(")") || token.isSymbol("]")) && parentheses > 0) {
                    parentheses--;
                }
            } else if (token.kind() == SqlToken.Kind.WORD) {
                if (words < head.length) {
                    head[words++] = token.text();
                }
                if (parentheses == 0 && previous != null && routine()) {
                    if (token.is("ATOMIC") && previous.is("BEGIN")) {
                        bodies++;
                    } else if (bodies > 0 && token.is("END") && (previous.isSymbol(";") || previous.is("ATOMIC"))) {
                        bodies--;
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
