package io.msr.internal.sql;

import java.util.Objects;

/**
 * One statement of a SQL script: its text, exactly as written (its trailing semicolon included), and the index in
 * the script's text where it starts, to turn database error positions into lines.
 *
 * <p>The text runs from the statement's first token (comments before it left out) to its trailing semicolon
 * included, and the offset is that first token's, so that a failure names the line its SQL starts on.
 *
 * <p>A statement made with {@link #within(String, int, int)} is a view of the script's text: it keeps no copy, so
 * a script split into a million statements, or into one statement of 50 MB, costs its text once, not twice.
 * {@link #sql()} copies the statement's text out each time it is called; call it once per use.
 */
public final class SqlStatement {

    private final String source;
    private final int start;
    private final int end;
    private final int offset;

    /** A statement holding its own text, which starts at {@code offset} in its script. */
    public SqlStatement(String sql, int offset) {
        this(sql, 0, sql.length(), offset);
    }

    private SqlStatement(String source, int start, int end, int offset) {
        this.source = Objects.requireNonNull(source);
        this.start = start;
        this.end = end;
        this.offset = offset;
    }

    /** A statement that is the characters {@code [start, end)} of {@code script}, kept as a view of it. */
    public static SqlStatement within(String script, int start, int end) {
        Objects.checkFromToIndex(start, end, script.length());
        return new SqlStatement(script, start, end, start);
    }

    /** Returns the statement's text, exactly as written (a copy for a view). */
    public String sql() {
        return start == 0 && end == source.length() ? source : source.substring(start, end);
    }

    /** Returns the index in the script's text where the statement starts. */
    public int offset() {
        return offset;
    }

    /** Returns the number of characters of the statement's text, without copying it. */
    public int length() {
        return end - start;
    }

    /** Returns true when this statement's text is in {@code script} at its offset; copies nothing. */
    public boolean isIn(String script) {
        return offset + length() <= script.length() && script.regionMatches(offset, source, start, length());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SqlStatement that && offset == that.offset && length() == that.length()
                && source.regionMatches(start, that.source, that.start, length());
    }

    @Override
    public int hashCode() {
        return 31 * offset + length();
    }

    @Override
    public String toString() {
        return "SqlStatement[offset=" + offset + ", length=" + length() + "]";
    }
}
