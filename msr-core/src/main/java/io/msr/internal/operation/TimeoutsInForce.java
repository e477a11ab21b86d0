package io.msr.internal.operation;

import io.msr.MsrSettings;
import io.msr.SessionTimeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement and lock timeouts migrations run with, for {@code info}: MSR's setting where it sets one
 * ({@code msr.postgres.lock-timeout} always, a safety net; {@code msr.postgres.statement-timeout} only when set),
 * else the session's own value and where it comes from (role, database, server).
 */
final class TimeoutsInForce {

    private static final Logger log = LoggerFactory.getLogger(TimeoutsInForce.class);

    private TimeoutsInForce() {
    }

    /**
     * Reads the session's timeouts (once per engine, see {@link DatabaseFacts}) and puts MSR's settings over them;
     * empty when they cannot be read.
     */
    static List<SessionTimeout> read(RunSession session, DatabaseFacts facts, MsrSettings settings) {
        List<SessionTimeout> found;
        try {
            found = facts.sessionTimeouts(session.connection, session.dialect);
        } catch (SQLException e) {
            log.debug("Could not read the session's timeouts", e);
            return List.of();
        }
        List<SessionTimeout> inForce = new ArrayList<>();
        for (SessionTimeout timeout : found) {
            Duration own = switch (timeout.name()) {
                case "statement_timeout" -> settings.postgres().statementTimeout();
                case "lock_timeout" -> settings.postgres().lockTimeout();
                default -> null;
            };
            inForce.add(own == null ? timeout : new SessionTimeout(timeout.name(), format(own),
                    "msr.postgres." + timeout.name().replace('_', '-')));
        }
        return inForce;
    }

    private static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
