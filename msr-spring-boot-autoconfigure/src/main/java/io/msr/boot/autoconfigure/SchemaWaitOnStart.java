package io.msr.boot.autoconfigure;

import io.msr.DeployPhase;
import io.msr.InfoResult;
import io.msr.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Verify mode's {@code msr.verify.wait-on-start}: holds database initialisation while the context starts until
 * the schema is current, so that JPA and other database users (which Spring Boot starts after database
 * initializers, see {@link SchemaWaitDetector}) find the tables the migration Job creates. Polls the schema every
 * {@code poll}, logs what it waits for every few seconds, and when {@code timeout} passes throws
 * {@link SchemaWaitTimeoutException}, which fails startup. Never writes, never locks.
 */
public final class SchemaWaitOnStart implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaWaitOnStart.class);

    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final SchemaMonitor monitor;
    private final Duration timeout;
    private final Duration poll;

    /**
     * Creates the wait.
     *
     * @param monitor the verify-mode monitor whose state is polled (and refreshed on each poll)
     * @param timeout how long to wait at most; null does not wait (an AOT-processed application has this bean in
     *                every mode, with or without the property)
     * @param poll    how long to sleep between two reads of the schema
     */
    public SchemaWaitOnStart(SchemaMonitor monitor, Duration timeout, Duration poll) {
        this.monitor = monitor;
        this.timeout = timeout;
        this.poll = poll;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        if (timeout == null) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastLog = start - LOG_EVERY_NANOS;
        SchemaState state = monitor.refresh();
        while (state.status() != SchemaState.Status.UP) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new SchemaWaitTimeoutException(timeout, state);
            }
            if (now - lastLog >= LOG_EVERY_NANOS) {
                lastLog = now;
                log.info("MSR is waiting for the schema before the application starts (msr.verify.wait-on-start={},"
                        + " {} s left): {}", print(timeout), Duration.ofNanos(deadline - now).toSeconds(), describe(state));
            }
            Thread.sleep(Math.max(1, Math.min(poll.toMillis(), Duration.ofNanos(deadline - now).toMillis())));
            state = monitor.refresh();
        }
        if (System.nanoTime() - start > poll.toNanos()) {
            log.info("MSR finished waiting after {} s: {}", Duration.ofNanos(System.nanoTime() - start).toSeconds(),
                    state.reason());
        }
    }

    /** What the state waits for, in one line: the pending migrations when known, else the reason and error. */
    static String describe(SchemaState state) {
        InfoResult info = state.info();
        StringBuilder text = new StringBuilder();
        if (info != null && !info.pending(DeployPhase.PRE_DEPLOY).isEmpty()
                && state.status() == SchemaState.Status.OUT_OF_SERVICE) {
            List<MigrationInfo> pending = info.pending(DeployPhase.PRE_DEPLOY);
            text.append(pending.size()).append(" migration(s) pending: ").append(pending.stream()
                    .limit(InfoResult.PENDING_VERSIONS_SHOWN)
                    .map(migration -> migration.label() + " " + migration.script())
                    .collect(Collectors.joining(", "))).append(pending.size() > InfoResult.PENDING_VERSIONS_SHOWN
                    ? ", ..." : "");
        } else {
            text.append(state.reason());
        }
        if (state.error() != null) {
            text.append(": ").append(state.error());
        }
        return text.toString();
    }

    /** A duration as people write it in properties: 90s, 5m, 300ms. */
    static String print(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 60_000 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
