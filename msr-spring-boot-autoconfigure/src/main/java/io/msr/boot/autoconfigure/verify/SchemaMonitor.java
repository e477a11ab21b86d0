package io.msr.boot.autoconfigure.verify;

import io.msr.ConfigurationException;
import io.msr.InfoResult;
import io.msr.Msr;
import io.msr.MsrException;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.boot.autoconfigure.oneshot.TargetSchemas;
import io.msr.boot.autoconfigure.datasource.UnsupportedDatabase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verify mode's view of the schema: reads it once at startup and then every {@code msr.verify.refresh-interval}
 * on a daemon thread, and keeps the latest {@link SchemaState} for health, endpoint and metrics, so that a probe
 * costs no query. It reads the {@link TargetSchemas}, a set of one or many, on one path. Never writes, never locks,
 * never creates the history table. Each state change is logged once.
 * A database other than PostgreSQL is reported DOWN at startup, with the way out, and never read again.
 * A failed read keeps the last good state, marked stale, for {@code msr.verify.stale-grace-period}, so that a short
 * database outage does not make every replica unready at once.
 */
public final class SchemaMonitor implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMonitor.class);

    private final Msr msr;
    private final VerifySettings settings;
    private final Clock clock;
    private final DriftWatch drift;
    private final TargetSchemas targets;
    private final AtomicLong refreshErrors = new AtomicLong();
    private volatile SchemaState state = SchemaState.unknown();
    private @Nullable ScheduledExecutorService scheduler;

    /** Creates the monitor, drift check included; it starts when the bean is initialised. */
    public SchemaMonitor(Msr msr, VerifySettings settings) {
        this(msr, settings, true);
    }

    /**
     * Creates the monitor; it starts when the bean is initialised. With {@code checkDrift}, each reading also compares
     * the schema with its fingerprint, at most once per {@code msr.verify.drift-check-interval}.
     */
    public SchemaMonitor(Msr msr, VerifySettings settings, boolean checkDrift) {
        this(msr, settings, Clock.systemUTC(), checkDrift);
    }

    SchemaMonitor(Msr msr, VerifySettings settings, Clock clock) {
        this(msr, settings, clock, true);
    }

    SchemaMonitor(Msr msr, VerifySettings settings, Clock clock, boolean checkDrift) {
        this(msr, settings, clock, checkDrift, new TargetSchemas.One(null));
    }

    /**
     * Creates the monitor of {@code targets}: it reads every schema and is ready only when all are current. Drift is
     * checked here for a set of one; over many schemas it is msr.mode=drift's.
     */
    public SchemaMonitor(Msr msr, VerifySettings settings, Clock clock, boolean checkDrift,
            TargetSchemas targets) {
        this.msr = msr;
        this.settings = settings;
        this.clock = clock;
        this.targets = targets;
        this.drift = new DriftWatch(msr, checkDrift && !targets.listed(), settings.driftCheckInterval());
    }

    /** Returns the latest state; never blocks and never queries. */
    public SchemaState current() {
        return state;
    }

    /**
     * Reads the schema now and returns the new state. When the database cannot be read, the last state read
     * successfully is kept, marked stale (since when, and the error), for {@code msr.verify.stale-grace-period};
     * then, or when nothing was read before, the state is DOWN.
     */
    public synchronized SchemaState refresh() {
        SchemaState previous = state;
        SchemaState next;
        try {
            next = read(previous);
        } catch (MsrException e) {
            refreshErrors.incrementAndGet();
            next = unreadable(previous, e.getMessage());
        } catch (RuntimeException e) {
            refreshErrors.incrementAndGet();
            next = unreadable(previous, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        state = next;
        logChange(previous, next);
        return next;
    }

    /**
     * Reads every schema; when none can be read (the database is unreachable), the last state is kept, as when a
     * reading throws. A schema that cannot be read while others can is down.
     */
    private SchemaState read(SchemaState previous) {
        SchemasResult<InfoResult> result = targets.info(msr);
        if (!result.schemas().isEmpty() && result.count(SchemaOutcome.Status.SUCCEEDED) == 0) {
            refreshErrors.incrementAndGet();
            SchemaOutcome<InfoResult> first = result.failures().get(0);
            return unreadable(previous, first.failure() == null ? "no schema could be read"
                    : first.failure().message());
        }
        Instant now = clock.instant();
        SchemaState verdict = SchemaStateEvaluator.evaluate(targets, result, settings.allowAhead(), now);
        return SchemaStateEvaluator.withDrift(verdict, drift.check(verdict.info(), now), settings.failOnDrift());
    }

    /** The schemas the monitor reads. */
    TargetSchemas targets() {
        return targets;
    }

    /** How many readings failed since the monitor was created: the {@code msr.verify.refresh.errors} counter. */
    long refreshErrors() {
        return refreshErrors.get();
    }

    private SchemaState unreadable(SchemaState previous, @Nullable String error) {
        Instant now = clock.instant();
        boolean known = previous.info() != null && previous.status() != SchemaState.Status.UNKNOWN
                && (previous.error() == null || previous.stale());
        if (!known) {
            return new SchemaState(SchemaState.Status.DOWN, "The schema could not be read", previous.info(), error, now);
        }
        Instant since = previous.stale() ? previous.staleSince() : now;
        Duration grace = settings.staleGracePeriod() == null ? Duration.ZERO : settings.staleGracePeriod();
        if (Duration.between(since, now).compareTo(grace) < 0) {
            return new SchemaState(previous.status(), previous.reason(), previous.info(), error, previous.checkedAt(),
                    since, previous.drift(), previous.schemas());
        }
        return new SchemaState(SchemaState.Status.DOWN, "The schema could not be read since " + since
                + " (msr.verify.stale-grace-period=" + DurationText.of(grace) + ")", previous.info(), error,
                now, since);
    }

    private static void logChange(SchemaState previous, SchemaState next) {
        if (next.stale() && !previous.stale() && next.status() != SchemaState.Status.DOWN) {
            log.warn("MSR could not read the schema, keeping the last state {} for now: {}", next.status(),
                    next.error());
        } else if (previous.stale() && !next.stale() && next.error() == null) {
            log.info("MSR reads the schema again (it could not since {})", previous.staleSince());
        }
        if (previous.status() != next.status()) {
            String detail = next.error() == null ? next.reason() : next.reason() + ": " + next.error();
            if (next.status() == SchemaState.Status.UP) {
                log.info("MSR schema state {}: {}", next.status(), detail);
            } else {
                log.warn("MSR schema state {}: {}", next.status(), detail);
            }
        }
    }

    @Override
    public void afterPropertiesSet() {
        try {
            targets.find(msr);
        } catch (ConfigurationException e) {
            // A wrong setting (an unreadable location, say) will not heal by itself: fail startup and say so. Nor
            // will a database other than PostgreSQL, but an H2 test suite should keep running: report it, once.
            UnsupportedDatabase unsupported = UnsupportedDatabase.of(e).orElseThrow(() -> e);
            reportUnsupported(unsupported);
            return;
        } catch (MsrException e) {
            // The database may come later; the state below reports it and the background refresh retries.
        }
        SchemaState first = refresh();
        // With wait-on-start, SchemaWaitOnStart gives the Job its time and fails startup itself.
        if (settings.failOnPending() && settings.waitOnStart() == null
                && first.status() != SchemaState.Status.UP) {
            throw new SchemaNotReadyException(first);
        }
        Duration interval = settings.refreshInterval();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "msr-verify");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** DOWN for good, logged once at WARN without a stack trace; no refresh, since the database will not change. */
    private void reportUnsupported(UnsupportedDatabase unsupported) {
        state = new SchemaState(SchemaState.Status.DOWN, "The database is not PostgreSQL", null,
                unsupported.message(), Instant.now());
        log.warn("MSR schema state {}: {}", state.status(), state.error());
        if (settings.failOnPending()) {
            throw new SchemaNotReadyException(state);
        }
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
