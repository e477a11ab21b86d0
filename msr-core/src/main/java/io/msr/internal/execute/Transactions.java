package io.msr.internal.execute;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/** Rolls back without ever hiding the error that caused the rollback. */
final class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private Transactions() {
    }

    /** A cleanup step that may fail. */
    @FunctionalInterface
    interface Cleanup {
        void run() throws SQLException;
    }

    /** Runs a cleanup, attaching its failure to the error that made it necessary. */
    static void resetQuietly(Cleanup cleanup, Throwable cause) {
        try {
            cleanup.run();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            log.debug("Cleanup failed after {}", cause.getMessage(), e);
        }
    }

    static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            log.debug("Rollback failed after {}", cause.getMessage(), e);
        }
    }
}
