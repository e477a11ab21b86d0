package io.msr.internal.sql;

/**
 * One statement of a SQL script.
 *
 * @param sql    the statement's text, exactly as written (its trailing semicolon included)
 * @param offset the index in the script's text where it starts, to turn database error positions into lines
 */
public record SqlStatement(String sql, int offset) {
}
