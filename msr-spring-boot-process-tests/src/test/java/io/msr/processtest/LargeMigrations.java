package io.msr.processtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes large generated migrations, as real seed files are: one multi-row INSERT of many short rows. */
final class LargeMigrations {

    private LargeMigrations() {
    }

    /**
     * Writes a migration that creates {@code table (id bigint, label text)} and fills it with one INSERT of as many rows
     * as make the file exactly {@code size} bytes; returns the number of rows.
     */
    static long multiRowInsert(Path file, String table, long size) throws IOException {
        String head = "create table " + table + " (id bigint, label text);\ninsert into " + table
                + " (id, label) values\n";
        long rows = 0;
        long written = head.length();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(head);
            while (true) {
                String row = "(" + rows + ", 'row " + rows + " of a generated seed file')";
                if (written + row.length() + 2 + 48 > size) {
                    // The last row pads its label so that the file has exactly the size asked for.
                    String last = "(" + rows + ", 'row " + rows + " ";
                    out.write(last + "x".repeat((int) (size - written - last.length() - 4)) + "');\n");
                    return rows + 1;
                }
                out.write(row);
                out.write(",\n");
                written += row.length() + 2;
                rows++;
            }
        }
    }
}
