package io.msr.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The most sessions a test database had at once while it was sampled: from {@link #start} to {@link #close}, a thread
 * counts the sessions connected to the database in {@code pg_stat_activity}, its own excepted, every few milliseconds.
 * A bound on connections is then asserted on {@link #peak()}, read after closing.
 */
public final class SessionPeak implements AutoCloseable {

    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread sampler;

    private SessionPeak(TestDatabase db) {
        sampler = new Thread(() -> sample(db), "session-peak");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling the sessions of {@code db}. */
    public static SessionPeak start(TestDatabase db) {
        return new SessionPeak(db);
    }

    /** Returns the most sessions seen at once, the sampler's own excepted. */
    public int peak() {
        return peak.get();
    }

    /** Stops sampling; throws when the sampler could not read the sessions. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sampler.join();
        if (failure.get() != null) {
            throw new IllegalStateException("Could not sample the sessions of the test database", failure.get());
        }
    }

    private void sample(TestDatabase db) {
        try (Connection connection = db.connect();
             PreparedStatement count = connection.prepareStatement("select count(*) from pg_stat_activity"
                     + " where datname = current_database() and pid <> pg_backend_pid()")) {
            while (running.get()) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    peak.accumulateAndGet(rows.getInt(1), Math::max);
                }
                Thread.sleep(5);
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
