package io.msr.internal.jdbc;

import io.msr.ConnectionException;
import io.msr.Redaction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Waits for a database that does not accept connections yet ({@code msr.connect.wait}): a migrate Job that starts
 * before the database, or before its Service's name resolves, tries again instead of failing at once and using up
 * the Job's retries. Pauses 250ms, doubling up to 5s, never past the wait; logs one INFO line per failed attempt
 * (attempt number, reason without password, time left). Only errors {@link SqlErrors#isNotAcceptingYet} accepts
 * are retried: refused credentials or an unknown database fail at the first attempt.
 *
 * <p>Only the first connection of an operation waits ({@link ConnectionFactory#openFirst}): once the database has
 * answered, a later failure is a real failure, not a database still starting.
 */
public final class StartupWait {

    private static final Logger log = LoggerFactory.getLogger(StartupWait.class);

    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Duration wait;
    private final String target;
    private final @Nullable String password;

    /**
     * @param wait     how long to keep trying; {@link Duration#ZERO} tries once
     * @param target   the database as messages name it, without password
     * @param password the password to mask in every message, or null
     */
    public StartupWait(Duration wait, String target, @Nullable String password) {
        this.wait = wait;
        this.target = target;
        this.password = password;
    }

    /**
     * Returns a factory whose {@link ConnectionFactory#open()} connects once and whose
     * {@link ConnectionFactory#openFirst} waits as this class describes; {@code failure} turns the driver's error
     * into the {@link ConnectionException} thrown (its message must be password-free).
     */
    public static ConnectionFactory connections(JdbcConnector connector, String target, @Nullable String password,
            Function<SQLException, ConnectionException> failure) {
        return new ConnectionFactory() {
            @Override
            public Connection open() {
                try {
                    return connector.connect();
                } catch (SQLException e) {
                    throw failure.apply(e);
                }
            }

            @Override
            public Connection openFirst(Duration wait) {
                return wait.isZero() ? open() : new StartupWait(wait, target, password).open(connector, failure);
            }
        };
    }

    /**
     * Opens a connection, trying again while the database does not accept connections yet and the wait lasts.
     * Throws {@code failure}'s exception for an error that is not transient; a {@link ConnectionException} naming
     * the wait, the attempts and the last reason when the wait has passed, or when the thread is interrupted
     * (keeping the interrupt).
     */
    public Connection open(JdbcConnector connector, Function<SQLException, ConnectionException> failure) {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            SQLException error;
            try {
                Connection connection = connector.connect();
                if (attempt > 1) {
                    log.info("{} accepts connections now (attempt {}, after {})", target, attempt,
                            print(Duration.ofNanos(System.nanoTime() - start)));
                }
                return connection;
            } catch (SQLException e) {
                error = e;
            }
            if (!SqlErrors.isNotAcceptingYet(error)) {
                throw failure.apply(error);
            }
            String reason = Redaction.redact(reason(error), password);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw gaveUp(attempt, Duration.ofNanos(System.nanoTime() - start), reason, error.getSQLState());
            }
            Duration sleep = Duration.ofNanos(Math.min(pause.toNanos(), left));
            log.info("{} does not accept connections yet (attempt {}): {}; trying again in {}, {} left of"
                    + " msr.connect.wait={}", target, attempt, reason, print(sleep), print(Duration.ofNanos(left)),
                    print(wait));
            try {
                TimeUnit.NANOSECONDS.sleep(sleep.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionException(Redaction.redact("Interrupted while waiting for " + target
                        + " to accept connections (attempt " + attempt + ": " + reason + ").", password), null, null,
                        null, error.getSQLState(), null);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /** The driver's message, and the I/O error under it, which tells a refused port from a name that does not resolve. */
    private static String reason(SQLException error) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return SqlErrors.describe(error) + " [" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "]";
            }
        }
        return SqlErrors.describe(error);
    }

    private ConnectionException gaveUp(int attempts, Duration waited, String reason, String sqlState) {
        String message = "Could not connect to " + target + ": waited " + print(waited) + " (msr.connect.wait="
                + print(wait) + ", " + attempts + (attempts == 1 ? " attempt" : " attempts") + ") and the database still did not accept connections; the"
                + " last attempt failed with: " + reason + ". Check that the database is running and reachable from"
                + " here (the host name resolves, the port is open), or give it longer with msr.connect.wait.";
        return new ConnectionException(Redaction.redact(message, password), null, null, null, sqlState, null);
    }

    /** Prints a duration as 250ms, 1.5s or 60s. */
    static String print(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long tenths = Math.round(millis / 100.0);
        return tenths % 10 == 0 ? tenths / 10 + "s" : tenths / 10 + "." + tenths % 10 + "s";
    }
}
