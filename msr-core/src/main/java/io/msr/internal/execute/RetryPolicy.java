package io.msr.internal.execute;

import io.msr.ConnectionException;
import io.msr.MsrException;
import io.msr.internal.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed migration is tried again: only after a transient database error (lock timeout, serialization
 * failure, deadlock), only when its work was rolled back or it declares itself idempotent, and at most
 * {@code maxAttempts} times in all, with exponential backoff and jitter. Other errors are never retried.
 */
final class RetryPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);
    private static final long BASE_DELAY_MS = 250;
    private static final long MAX_DELAY_MS = 5_000;

    private final Dialect dialect;
    private final int maxAttempts;

    RetryPolicy(Dialect dialect, int maxAttempts) {
        this.dialect = dialect;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Returns true, after logging the reason and sleeping the backoff, when the attempt that failed with
     * {@code error} should be followed by another one.
     */
    boolean retry(MsrException error, int attempt, boolean repeatable, String what) {
        String state = error.sqlState().orElse(null);
        if (!repeatable || attempt >= maxAttempts || state == null || !dialect.isTransient(state)) {
            return false;
        }
        long ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << (attempt - 1));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        log.warn("{} failed on a transient error (attempt {} of {}, SQLState {}): {} Retrying in {} ms.", what, attempt,
                maxAttempts, state, error.getMessage(), delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting to retry " + what + ".", e);
        }
        return true;
    }
}
