package io.msr.existingapp;

import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's second database (app.audit.datasource), which MSR must never touch. While it exists, it
 * samples every 100 ms which sessions are connected to it, by application name.
 */
final class AuditDatabase implements AutoCloseable {

    /** The application name of the audit pool's sessions (application.yaml). */
    static final String POOL = "existing-app-audit";

    // A session still starting has no application name yet; every session that lives on gets one.
    private static final String SESSIONS = "select application_name from pg_stat_activity"
            + " where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'"
            + " and application_name <> ''";

    private final TestDatabase db = PostgresServer.shared().createDatabase();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Connection sampling = db.connect();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "audit-sessions");
        thread.setDaemon(true);
        return thread;
    });

    AuditDatabase() {
        sampler.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    TestDatabase db() {
        return db;
    }

    String name() {
        return db.name();
    }

    /** Asserts that MSR left no trace: no history table, no schema of its own, no session but the audit pool's. */
    void assertUntouchedByMsr() {
        // On the sampling connection: a connection of the test's own would be a session seen.
        assertThat(query("select relname from pg_class where relname like 'msr%'")).isEmpty();
        assertThat(query("select nspname from pg_namespace where nspname not like 'pg\\_%'"
                + " and nspname not in ('public', 'information_schema')")).isEmpty();
        seen.addAll(query(SESSIONS));
        assertThat(seen).as("application names of the sessions seen in the audit database").allMatch(POOL::equals);
    }

    private void sample() {
        try {
            seen.addAll(query(SESSIONS));
        } catch (IllegalStateException e) {
            seen.add(e.getMessage());
        }
    }

    private List<String> query(String sql) {
        synchronized (sampling) {
            try (Statement statement = sampling.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            } catch (SQLException e) {
                throw new IllegalStateException("Sampling the audit database failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        sampler.shutdownNow();
        synchronized (sampling) {
            sampling.close();
        }
        db.close();
    }
}
