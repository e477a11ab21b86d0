package io.msr.internal.source;

import io.msr.internal.sql.SqlStatement;

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

    /** Returns the 1-based line of a character index in the text. */
    public int lineOf(int index) {
        int line = 1;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
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
