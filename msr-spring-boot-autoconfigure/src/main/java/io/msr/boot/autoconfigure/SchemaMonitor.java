package io.msr.boot.autoconfigure;

import io.msr.ConfigurationException;
import io.msr.Msr;
import io.msr.MsrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Verify mode's view of the schema: reads it once at startup and then every {@code msr.verify.refresh-interval}
 * on a daemon thread, and keeps the latest {@link SchemaState} for health, endpoint and metrics, so that a probe
 * costs no query. Never writes, never locks, never creates the history table. Each state change is logged once.
 */
public final class SchemaMonitor implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMonitor.class);

    private final Msr msr;
    private final MsrProperties.Verify settings;
    private volatile SchemaState state = SchemaState.unknown();
    private ScheduledExecutorService scheduler;

    /** Creates the monitor; it starts when the bean is initialised. */
    public SchemaMonitor(Msr msr, MsrProperties.Verify settings) {
        this.msr = msr;
        this.settings = settings;
    }

    /** Returns the latest state; never blocks and never queries. */
    public SchemaState current() {
        return state;
    }

    /** Reads the schema now and returns the new state. */
    public SchemaState refresh() {
        SchemaState next;
        try {
            next = SchemaStateEvaluator.evaluate(msr.info(), settings.isAllowAhead());
        } catch (MsrException e) {
            next = new SchemaState(SchemaState.Status.DOWN, "The schema could not be read", state.info(),
                    e.getMessage(), Instant.now());
        } catch (RuntimeException e) {
            next = new SchemaState(SchemaState.Status.DOWN, "The schema could not be read", state.info(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), Instant.now());
        }
        SchemaState previous = state;
        state = next;
        if (previous.status() != next.status()) {
            String detail = next.error() == null ? next.reason() : next.reason() + ": " + next.error();
            if (next.status() == SchemaState.Status.UP) {
                log.info("MSR schema state {}: {}", next.status(), detail);
            } else {
                log.warn("MSR schema state {}: {}", next.status(), detail);
            }
        }
        return next;
    }

    @Override
    public void afterPropertiesSet() {
        try {
            msr.info();
        } catch (ConfigurationException e) {
            // A wrong setting (an unreadable location, say) will not heal by itself: fail startup and say so.
            throw e;
        } catch (MsrException e) {
            // The database may come later; the state below reports it and the background refresh retries.
        }
        SchemaState first = refresh();
        // With wait-on-start, SchemaWaitOnStart gives the Job its time and fails startup itself.
        if (settings.isFailOnPending() && settings.getWaitOnStart() == null
                && first.status() != SchemaState.Status.UP) {
            throw new SchemaNotReadyException(first);
        }
        Duration interval = settings.getRefreshInterval();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "msr-verify");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
