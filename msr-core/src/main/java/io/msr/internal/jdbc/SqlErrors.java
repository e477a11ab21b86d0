package io.msr.internal.jdbc;

import io.msr.ConnectionException;
import io.msr.MsrDatabaseException;
import io.msr.MsrException;
import io.msr.Redaction;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Turns JDBC errors into MSR errors with a readable, password-free message. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * Returns true when the error means the connection is unusable or was refused: SQLState classes 08
     * (connection exception) and 28 (invalid authorisation), 3D000 (no such database) and 57P01 to 57P03
     * (server shutting down or starting).
     */
    public static boolean isConnectionError(SQLException error) {
        if (error instanceof SQLNonTransientConnectionException || error instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = error.getSQLState();
        if (state == null) {
            return error.getCause() instanceof java.io.IOException;
        }
        return state.startsWith("08") || state.startsWith("28") || "3D000".equals(state) || "57P01".equals(state)
                || "57P02".equals(state) || "57P03".equals(state);
    }

    /**
     * Translates an error that happened outside any migration (lock, history, connection) into a
     * {@link ConnectionException} or an {@link MsrDatabaseException}; {@code context} says what was being done.
     */
    public static MsrException outsideMigration(String context, SQLException error) {
        String message = context + ": " + describe(error);
        if (isConnectionError(error)) {
            return new ConnectionException(message + ". Check that the database is running and reachable and that"
                    + " the URL, user and password are right.", null, null, null, error.getSQLState(), null);
        }
        return new MsrDatabaseException(message + ".", null, null, null, error.getSQLState(), null);
    }

    /** Returns the error's first message line with its SQLState, passwords removed. */
    public static String describe(SQLException error) {
        String text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        return Redaction.redact(first.strip()) + (error.getSQLState() == null ? "" : " (SQLState " + error.getSQLState() + ")");
    }
}
