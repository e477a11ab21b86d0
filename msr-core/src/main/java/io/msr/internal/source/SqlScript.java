package io.msr.internal.source;

import io.msr.internal.sql.SqlStatement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A decoded SQL file, split into statements once when it is resolved.
 *
 * @param file       the file, for messages
 * @param text       its text, byte-order mark removed
 * @param checksum   its checksum, see {@link Checksums}
 * @param directives its directives
 * @param statements its statements, in order
 */
public record SqlScript(ScriptFile file, String text, String checksum, Directives directives,
        List<SqlStatement> statements) {

    /**
     * Keeps each statement split from {@code text} as a view of it ({@link SqlStatement#within}), so that the
     * statements do not hold a second copy of the script.
     */
    public SqlScript {
        List<SqlStatement> views = new ArrayList<>(statements.size());
        for (SqlStatement statement : statements) {
            views.add(statement.isIn(text)
                    ? SqlStatement.within(text, statement.offset(), statement.offset() + statement.length())
                    : statement);
        }
        statements = Collections.unmodifiableList(views);
    }

    /** Returns the 1-based line of a character index in the text. */
    public int lineOf(int index) {
        return lineOf(text, index);
    }

    /**
     * Returns the 1-based line of a character index in a text whose lines end in a line feed, a carriage return and
     * line feed, or a bare carriage return (as editors and the server's scanner read them).
     */
    public static int lineOf(String text, int index) {
        int line = 1;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
            }
        }
        return line;
    }

    /** Returns the file name without folders. */
    public String fileName() {
        return file.fileName();
    }
}
