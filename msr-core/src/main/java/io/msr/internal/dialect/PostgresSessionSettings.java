package io.msr.internal.dialect;

import io.msr.SessionTimeout;
import io.msr.internal.lock.DeadClientDetection;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What MSR sets on a PostgreSQL session and how it puts it back: the application name, dead-client detection
 * (keepalives, user timeout, connection check interval), the lock and statement timeouts, and the saved state that
 * restores all of them before a pooled connection goes back. {@link PostgresDialect} answers the {@link Dialect}
 * methods about sessions with these; {@link PostgresAdvisoryLock} calls them directly, as its connection is prepared
 * before any dialect is known.
 */
final class PostgresSessionSettings {

    /** The session settings MSR may change, saved before and restored after; missing ones are skipped. */
    private static final List<String> SAVED = List.of("application_name", "lock_timeout", "statement_timeout",
            "search_path", "tcp_keepalives_idle", "tcp_keepalives_interval", "tcp_keepalives_count", "tcp_user_timeout",
            "client_connection_check_interval");

    private PostgresSessionSettings() {
    }

    /** Sets a session's application name, as {@link Dialect#setApplicationName} says. */
    static void setApplicationName(Connection connection, String name) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select set_config('application_name', ?, false)")) {
            set.setString(1, name);
            set.executeQuery().close();
        }
    }

    /** Saves a session's state, as {@link Dialect#saveSession} says: every setting of {@link #SAVED} it has. */
    static SessionState save(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        int networkTimeout = connection.getNetworkTimeout();
        Map<String, String> settings = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select " + String.join(", ", SAVED.stream()
                     .map(name -> "current_setting('" + name + "', true)").toList()))) {
            result.next();
            for (int i = 0; i < SAVED.size(); i++) {
                // Null: a setting this server version does not have.
                if (result.getString(i + 1) != null) {
                    settings.put(SAVED.get(i), result.getString(i + 1));
                }
            }
        }
        return borrowed -> {
            if (!borrowed.getAutoCommit()) {
                borrowed.rollback();
                borrowed.setAutoCommit(true);
            }
            // Values, not RESET: RESET would drop what the pool itself set (connection init SQL).
            setConfig(borrowed, settings);
            if (borrowed.getTransactionIsolation() != isolation) {
                borrowed.setTransactionIsolation(isolation);
            }
            if (borrowed.getNetworkTimeout() != networkTimeout) {
                borrowed.setNetworkTimeout(Runnable::run, networkTimeout);
            }
            borrowed.setAutoCommit(autoCommit);
        };
    }

    /** Asks the server to drop the session when its client vanishes, as {@link Dialect#detectDeadClient} says. */
    static void detectDeadClient(Connection connection, DeadClientDetection detection) throws SQLException {
        if (!detection.enabled()) {
            return;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tcp_keepalives_idle", Integer.toString(detection.keepalivesIdleSeconds()));
        settings.put("tcp_keepalives_interval", Integer.toString(detection.keepalivesIntervalSeconds()));
        settings.put("tcp_keepalives_count", Integer.toString(detection.keepalivesCount()));
        int major = connection.getMetaData().getDatabaseMajorVersion();
        if (major >= 12) {
            settings.put("tcp_user_timeout", Integer.toString(detection.userTimeoutMillis()));
        }
        if (major < 14) {
            setConfig(connection, settings);
            return;
        }
        Map<String, String> withCheck = new LinkedHashMap<>(settings);
        withCheck.put("client_connection_check_interval", detection.checkIntervalMillis() + "ms");
        try {
            setConfig(connection, withCheck);
        } catch (SQLException e) {
            // A server on a platform that cannot tell a closed socket (Windows) refuses any value but 0.
            if (!"22023".equals(e.getSQLState())) {
                throw e;
            }
            setConfig(connection, settings);
        }
    }

    /** Sets session settings by value, in one round trip. */
    private static void setConfig(Connection connection, Map<String, String> settings) throws SQLException {
        String calls = String.join(", ", settings.keySet().stream().map(name -> "set_config(?, ?, false)").toList());
        try (PreparedStatement set = connection.prepareStatement("select " + calls)) {
            int parameter = 1;
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                set.setString(parameter++, setting.getKey());
                set.setString(parameter++, setting.getValue());
            }
            set.executeQuery().close();
        }
    }

    /** Sets the session's timeouts, as {@link Dialect#applyTimeouts} says. */
    static boolean applyTimeouts(Connection connection, @Nullable Duration lockTimeout,
            @Nullable Duration statementTimeout, boolean local, @Nullable String heldCondition) throws SQLException {
        // A null timeout is not sent: the session keeps the value of the role, the database or the server.
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (lockTimeout != null) {
            columns.add("set_config('lock_timeout', ?, ?)");
            values.add(milliseconds(lockTimeout));
        }
        if (statementTimeout != null) {
            columns.add("set_config('statement_timeout', ?, ?)");
            values.add(milliseconds(statementTimeout));
        }
        if (heldCondition != null) {
            columns.add(heldCondition);
        }
        if (columns.isEmpty()) {
            columns.add("1");
        }
        try (PreparedStatement set = connection.prepareStatement("select " + String.join(", ", columns))) {
            int parameter = 1;
            for (String value : values) {
                set.setString(parameter++, value);
                set.setBoolean(parameter++, local);
            }
            try (ResultSet result = set.executeQuery()) {
                return heldCondition == null || result.next() && result.getBoolean(columns.size());
            }
        }
    }

    /** Resets the session's timeouts, as {@link Dialect#resetTimeouts} says. */
    static void resetTimeouts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // One round trip: the driver sends both in one pipeline.
            statement.execute("reset lock_timeout; reset statement_timeout");
        }
    }

    /** Reads the session's timeouts and where each comes from, as {@link Dialect#sessionTimeouts} says. */
    static List<SessionTimeout> sessionTimeouts(Connection connection) throws SQLException {
        List<SessionTimeout> timeouts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select name, current_setting(name), source from pg_settings"
                     + " where name in ('statement_timeout', 'lock_timeout') order by name desc")) {
            while (rows.next()) {
                timeouts.add(new SessionTimeout(rows.getString(1), rows.getString(2), source(rows.getString(3))));
            }
        }
        return timeouts;
    }

    /** Names pg_settings.source in the words of docs/zero-downtime.md ("Statement timeout: the DBA's stays"). */
    private static String source(String source) {
        return switch (source) {
            case "default" -> "server default";
            case "configuration file", "command line", "environment variable" -> "server configuration";
            case "user" -> "role";
            case "database user" -> "role in database";
            case "database" -> "database";
            case "client" -> "connection";
            default -> source;
        };
    }

    private static String milliseconds(@Nullable Duration duration) {
        if (duration == null || duration.isZero()) {
            return "0";
        }
        // A positive duration below a millisecond must not turn into 0, which means no timeout at all.
        return (duration.isNegative() ? duration.toMillis() : Math.max(1, duration.toMillis())) + "ms";
    }
}
