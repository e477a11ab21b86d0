package io.msr.internal.operation;

import io.msr.ConnectionException;
import io.msr.MsrDatabaseException;
import io.msr.MsrException;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Says "read-only" when the database refused a write because the session may not write at all (SQLState 25006
 * read_only_sql_transaction), whichever write came first: creating the schema or the history table, a history row or
 * a migration's statement. Two causes, told apart by asking the server once the failure has been rolled back: a hot
 * standby ({@code pg_is_in_recovery()}), exit code 7 as a connection problem (after a failover, the next attempt may
 * reach the primary), or {@code default_transaction_read_only} on for the role or the database, exit code 1 as a
 * misconfiguration (a retry changes nothing). A 25006 the migration brought on itself ({@code SET TRANSACTION READ
 * ONLY}) is neither, and stays the migration's failure.
 */
final class ReadOnlyDatabase {

    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    /**
     * What the server says about the session.
     *
     * @param inRecovery       {@code pg_is_in_recovery()}
     * @param readOnlyDefault  {@code default_transaction_read_only} is on
     * @param user             the session's role
     * @param database         the current database
     */
    record Facts(boolean inRecovery, boolean readOnlyDefault, String user, String database) {
    }

    private ReadOnlyDatabase() {
    }

    /**
     * Returns the error as a read-only error when it is a refused write on a read-only session, else the error
     * itself. Asks the server on {@code connection}, which must have no failed transaction open; when asking fails,
     * the error is returned as it was, with that failure attached.
     */
    static MsrException explain(MsrException error, Connection connection) {
        if (!READ_ONLY_SQL_TRANSACTION.equals(error.sqlState().orElse(null))) {
            return error;
        }
        Facts facts;
        try {
            facts = facts(connection);
        } catch (SQLException e) {
            error.addSuppressed(e);
            return error;
        }
        return explain(error, facts);
    }

    /** Chooses the message for the facts: pure, for tests. */
    static MsrException explain(MsrException error, Facts facts) {
        String what = error.version().map(version -> " (the first refused write was migration V" + version
                + error.script().map(script -> ", " + script).orElse("") + ")").orElse("");
        String nothing = " Nothing was changed" + what + "; the server said: " + serverError(error.getMessage());
        if (facts.inRecovery()) {
            return new ConnectionException("The database is read-only: the server is a hot standby in recovery"
                    + " (pg_is_in_recovery() is true), where no session may write. Point the URL at the primary (after"
                    + " a failover, the new primary) and run again." + nothing, error.version().orElse(null),
                    error.script().orElse(null), error.line().orElse(null), READ_ONLY_SQL_TRANSACTION, error);
        }
        if (facts.readOnlyDefault()) {
            return new MsrDatabaseException("The database session is read-only: default_transaction_read_only is on"
                    + " for role " + facts.user() + " or database " + facts.database() + ", so every transaction"
                    + " starts read-only and MSR cannot write the schema or its history. Migrate as a role that may"
                    + " write, or turn the setting off (ALTER ROLE " + facts.user() + " RESET"
                    + " default_transaction_read_only; ALTER DATABASE " + facts.database() + " RESET"
                    + " default_transaction_read_only) and run again." + nothing, error.version().orElse(null),
                    error.script().orElse(null), error.line().orElse(null), READ_ONLY_SQL_TRANSACTION, error);
        }
        return error;
    }

    private static Facts facts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select pg_is_in_recovery(),"
                     + " current_setting('default_transaction_read_only'), current_user, current_database()")) {
            result.next();
            Facts facts = new Facts(result.getBoolean(1), "on".equals(result.getString(2)), result.getString(3),
                    result.getString(4));
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return facts;
        }
    }

    /** The server's own words, without what MSR guessed around them (such as a missing privilege). */
    private static String serverError(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int server = message.indexOf("ERROR: ");
        return server < 0 ? message : message.substring(server + "ERROR: ".length());
    }
}
