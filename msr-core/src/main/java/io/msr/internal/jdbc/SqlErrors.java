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
     * Returns true when the error means the database does not accept connections yet, which waiting may heal: it
     * is starting up, in recovery or shutting down (57P01 to 57P03), or it could not be reached at all (an I/O error
     * under SQLState class 08, such as a refused connection or a host name that does not resolve yet: a Kubernetes
     * Service's name resolves only once the Service exists). Refused credentials (class 28), an unknown database
     * (3D000), a failed TLS handshake and every other error are not transient: false.
     */
    public static boolean isNotAcceptingYet(SQLException error) {
        String state = error.getSQLState();
        if ("57P01".equals(state) || "57P02".equals(state) || "57P03".equals(state)) {
            return true;
        }
        if (state != null && !state.startsWith("08")) {
            return false;
        }
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException) {
                return false;
            }
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
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
