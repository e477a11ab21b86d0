package io.msr.boot.autoconfigure.verify;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import java.time.Duration;

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
    private final @Nullable Duration timeout;
    private final Duration poll;

    /**
     * Creates the wait.
     *
     * @param monitor the verify-mode monitor whose state is polled (and refreshed on each poll)
     * @param timeout how long to wait at most; null does not wait (an AOT-processed application has this bean in
     *                every mode, with or without the property)
     * @param poll    how long to sleep between two reads of the schema
     */
    public SchemaWaitOnStart(SchemaMonitor monitor, @Nullable Duration timeout, Duration poll) {
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
                        + " {} s left): {}", DurationText.of(timeout), Duration.ofNanos(deadline - now).toSeconds(),
                        state.describe());
            }
            Thread.sleep(Math.max(1, Math.min(poll.toMillis(), Duration.ofNanos(deadline - now).toMillis())));
            state = monitor.refresh();
        }
        if (System.nanoTime() - start > poll.toNanos()) {
            log.info("MSR finished waiting after {} s: {}", Duration.ofNanos(System.nanoTime() - start).toSeconds(),
                    state.reason());
        }
    }
}
