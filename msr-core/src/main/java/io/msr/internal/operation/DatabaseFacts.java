package io.msr.internal.operation;

import io.msr.internal.dialect.Dialect;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one engine learns about its database and reuses, so that verify mode's refresh costs one statement: the
 * current database's name, for the reads' lock key (never for a session that locks: the lock key is always derived
 * from the database a locking session is connected to), and the history tables seen to exist, whose rows a later read
 * selects straight away. Safe for concurrent use.
 */
final class DatabaseFacts {

    private volatile @Nullable String database;
    private final Set<String> existingHistories = ConcurrentHashMap.newKeySet();

    /** Returns the current database's name, asking the connection the first time only. */
    String database(Connection connection, Dialect dialect) throws SQLException {
        String known = database;
        if (known == null) {
            known = dialect.currentDatabase(connection);
            database = known;
        }
        return known;
    }

    private volatile @Nullable List<io.msr.SessionTimeout> timeouts;

    /**
     * Returns the session's own timeouts and their sources ({@link Dialect#sessionTimeouts}), asking the connection the
     * first time only: verify mode's refresh stays at one statement.
     */
    List<io.msr.SessionTimeout> sessionTimeouts(Connection connection, Dialect dialect) throws SQLException {
        List<io.msr.SessionTimeout> known = timeouts;
        if (known == null) {
            known = List.copyOf(dialect.sessionTimeouts(connection));
            timeouts = known;
        }
        return known;
    }

    /** Returns whether the history table {@code qualifiedName} existed when last read. */
    boolean historyExisted(String qualifiedName) {
        return existingHistories.contains(qualifiedName);
    }

    /** Remembers whether the history table {@code qualifiedName} exists. */
    void historyExists(String qualifiedName, boolean exists) {
        if (exists) {
            existingHistories.add(qualifiedName);
        } else {
            existingHistories.remove(qualifiedName);
        }
    }
}
