package io.msr.internal.sql;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;

/**
 * Finds what only psql can run in a script: a meta-command (a backslash outside any literal or comment, such as
 * {@code \i file}, {@code \set x 1} or {@code \connect db}) and {@code COPY ... FROM STDIN} with its inline data (or
 * {@code COPY ... TO STDOUT}). The runner sends statements through the database driver, so the server would reject
 * them mid-run with a confusing error, or read the inline data as SQL; finding them first makes them a validation
 * error before anything runs.
 *
 * <p>One pass over the text, and none at all over a text without a backslash and without {@code STDIN} or
 * {@code STDOUT}, which is nearly every script.
 */
public final class ClientCommands {

    /**
     * The first psql-only command of a script.
     *
     * @param offset  the index in the script's text where it starts
     * @param message what it is and what to do instead, without the file and line
     */
    public record Found(int offset, String message) {
    }

    private static final String COPY_FROM_STDIN = "COPY ... FROM STDIN needs psql, which sends the data that follows it;"
            + " load the data with INSERT statements, COPY FROM a server file, or a Java migration using CopyManager";
    private static final String COPY_TO_STDOUT = "COPY ... TO STDOUT needs psql to receive its rows; remove it, or"
            + " COPY TO a server file";

    private ClientCommands() {
    }

    /** Returns the first psql-only command of a script split into {@code statements}, or null when it has none. */
    public static @Nullable Found first(String script, List<SqlStatement> statements) {
        if (script.indexOf('\\') < 0 && !mentionsStandardStreams(script)) {
            return null;
        }
        SqlLexer lexer = new SqlLexer(script);
        int statement = 0;
        int copyEnd = -1;
        int depth = 0;
        SqlToken previous = null;
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            if (token.kind() == SqlToken.Kind.PUNCTUATION && token.text().equals("\\")) {
                return new Found(token.offset(), metaCommand(script, token.offset()));
            }
            while (statement < statements.size() && statements.get(statement).offset() < token.offset()) {
                statement++;
            }
            if (statement < statements.size() && statements.get(statement).offset() == token.offset()
                    && token.is("COPY")) {
                copyEnd = token.offset() + statements.get(statement).sql().length();
                depth = 0;
            } else if (token.offset() < copyEnd && previous != null) {
                depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
                if (depth == 0 && previous.is("FROM") && token.is("STDIN")) {
                    return new Found(statements.get(statement - 1).offset(), COPY_FROM_STDIN);
                }
                if (depth == 0 && previous.is("TO") && token.is("STDOUT")) {
                    return new Found(statements.get(statement - 1).offset(), COPY_TO_STDOUT);
                }
            }
            previous = token;
        }
        return null;
    }

    private static String metaCommand(String script, int at) {
        int end = at + 1;
        while (end < script.length() && !SqlLexer.space(script.charAt(end)) && end - at < 40) {
            end++;
        }
        String command = script.substring(at, end);
        String name = command.substring(1).toLowerCase(Locale.ROOT);
        String instead = switch (name) {
            case "set", "unset", "gset" -> "use msr.placeholders for variables (${name} in the SQL)";
            case "i", "ir", "include", "include_relative" -> "put the included file's SQL in a migration of its own,"
                    + " or in this one";
            case "c", "connect" -> "a migration runs on the database msr connects to; give each database its own"
                    + " msr run";
            case "copy" -> "load the data with INSERT statements, COPY FROM a server file, or a Java migration using"
                    + " CopyManager";
            case "echo", "qecho", "warn" -> "remove it, or RAISE NOTICE in a DO block";
            default -> "remove it: a migration holds SQL only";
        };
        return "psql meta-command " + command + " is not SQL and cannot run through the database driver; " + instead;
    }

    /** Returns true when the text holds {@code STDIN} or {@code STDOUT} in any case. */
    private static boolean mentionsStandardStreams(String text) {
        for (int i = text.indexOf('d'), j = text.indexOf('D'); i >= 0 || j >= 0; ) {
            int at = i < 0 ? j : j < 0 ? i : Math.min(i, j);
            if (at >= 2 && (text.regionMatches(true, at - 2, "STDIN", 0, 5)
                    || text.regionMatches(true, at - 2, "STDOUT", 0, 6))) {
                return true;
            }
            if (at == i) {
                i = text.indexOf('d', i + 1);
            } else {
                j = text.indexOf('D', j + 1);
            }
        }
        return false;
    }
}
