package io.msr.internal.execute;

import io.msr.MigrationFailedException;
import io.msr.MsrException;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.jdbc.SqlErrors;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code CREATE INDEX CONCURRENTLY} that fails leaves an INVALID index behind, which PostgreSQL keeps
 * updating but never uses, and which makes a plain rerun fail with "already exists". This names such indexes
 * in the error and says how to clean them up.
 */
final class InvalidIndexes {

    private InvalidIndexes() {
    }

    /** Returns the invalid indexes present now, before a migration that runs outside a transaction. */
    static Set<String> present(Dialect dialect, Connection connection) {
        try {
            return dialect.invalidIndexes(connection);
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not list the invalid indexes", e);
        }
    }

    /** Returns the error, extended with the invalid indexes that appeared since {@code before}, if any. */
    static MsrException explain(MsrException error, Set<String> before, Dialect dialect, Connection connection) {
        if (!(error instanceof MigrationFailedException)) {
            return error;
        }
        Set<String> left;
        try {
            left = new TreeSet<>(dialect.invalidIndexes(connection));
        } catch (SQLException e) {
            error.addSuppressed(e);
            return error;
        }
        left.removeAll(before);
        if (left.isEmpty()) {
            return error;
        }
        StringBuilder drop = new StringBuilder();
        for (String index : left) {
            drop.append(" DROP INDEX CONCURRENTLY IF EXISTS ").append(index).append(';');
        }
        MigrationFailedException explained = new MigrationFailedException(error.getMessage() + " It left the INVALID"
                + " index(es) " + String.join(", ", left) + ", which PostgreSQL maintains but never uses: remove them"
                + " with" + drop + " then fix the cause and run msr.mode=repair before migrating again.",
                error.version().orElse(null), error.script().orElse(null), error.line().orElse(null),
                error.sqlState().orElse(null), error.getCause());
        for (Throwable suppressed : error.getSuppressed()) {
            explained.addSuppressed(suppressed);
        }
        return explained;
    }
}
