package io.msr.internal.lock;

import io.msr.ConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The watch stops a run once, when its lock is lost, and never after it was closed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LockWatchTest {

    /** A lease whose checks fail from the {@code failFrom}-th on. */
    private static final class Lease implements LockLease {
        final AtomicInteger checks = new AtomicInteger();
        final int failFrom;

        Lease(int failFrom) {
            this.failFrom = failFrom;
        }

        @Override
        public LockKey key() {
            return new LockKey(1, 2, "db.public.msr_schema_history");
        }

        @Override
        public Duration waited() {
            return Duration.ZERO;
        }

        @Override
        public void ensureHeld() {
            if (checks.incrementAndGet() >= failFrom) {
                throw new ConnectionException("lock lost");
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void handsTheFirstFailedCheckToOnLostOnceAndStopsChecking() throws Exception {
        Lease lease = new Lease(3);
        AtomicInteger cuts = new AtomicInteger();
        CountDownLatch cut = new CountDownLatch(1);
        try (LockWatch watch = LockWatch.start(lease, Duration.ofMillis(10), lost -> {
            cuts.incrementAndGet();
            cut.countDown();
        })) {
            assertThat(cut.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            assertThat(watch.lost()).get().extracting(Throwable::getMessage).isEqualTo("lock lost");
        }
        assertThat(cuts).hasValue(1);
        assertThat(lease.checks).hasValue(3);
    }

    @Test
    void neverCutsAfterItWasClosed() throws Exception {
        Lease lease = new Lease(1);
        AtomicInteger cuts = new AtomicInteger();
        LockWatch watch = LockWatch.start(lease, Duration.ofMillis(200), lost -> cuts.incrementAndGet());
        watch.close();
        Thread.sleep(400);
        assertThat(cuts).hasValue(0);
        assertThat(watch.lost()).isEmpty();
    }
}
