package io.msr.boot.autoconfigure.oneshot;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The shutdown hook of a one-shot run, played without a JVM shutdown. */
class OneShotShutdownTest {

    @Test
    void aSignalStopsTheRunWaitsForItsResultAndHaltsWithItsCode() throws Exception {
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        AtomicInteger stops = new AtomicInteger();
        OneShotShutdown[] shutdown = new OneShotShutdown[1];
        shutdown[0] = new OneShotShutdown(() -> {
            stops.incrementAndGet();
            // The run thread notices the stop, reports, then tells the hook.
            CompletableFuture.runAsync(() -> shutdown[0].finished(10));
        }, Duration.ofSeconds(20), halted::complete);

        shutdown[0].hookForTest().run();

        assertThat(halted.get(5, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(stops.get()).isEqualTo(1);
        assertThat(shutdown[0].signalled()).isTrue();
    }

    @Test
    void aRunThatDoesNotStopWithinTheBoundIsAbandonedWithExitCodeTen() throws Exception {
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        OneShotShutdown shutdown = new OneShotShutdown(() -> { }, Duration.ofMillis(300), halted::complete);

        long start = System.nanoTime();
        shutdown.hookForTest().run();

        assertThat(halted.get(5, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRunThatFinishedOnItsOwnLeavesTheExitToItsThread() {
        AtomicInteger stops = new AtomicInteger();
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        OneShotShutdown shutdown = new OneShotShutdown(stops::incrementAndGet, Duration.ofSeconds(20),
                halted::complete);
        shutdown.finished(0);

        shutdown.hookForTest().run();

        assertThat(halted).isNotDone();
        assertThat(stops.get()).isZero();
        assertThat(shutdown.signalled()).isFalse();
    }
}
