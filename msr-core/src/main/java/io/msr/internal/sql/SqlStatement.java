package io.msr.internal.sql;

/**
 * One statement of a SQL script.
 *
 * @param sql    the statement's text, exactly as written, from its first token (comments before it left out) to its
 *               trailing semicolon included
 * @param offset the index in the script's text of its first token, to name the line its SQL starts on and to turn
 *               database error positions into lines
 */
public record SqlStatement(String sql, int offset) {
}
