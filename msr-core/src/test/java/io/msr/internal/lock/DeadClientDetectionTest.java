package io.msr.internal.lock;

import io.msr.MsrSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner gives up its lock before the server can have freed it, for every timeout allowed. */
class DeadClientDetectionTest {

    @Test
    void theDefaultFreesTheLockWithinThirtySeconds() {
        DeadClientDetection detection = new DeadClientDetection(MsrSettings.DEFAULT_DEAD_CLIENT_TIMEOUT);
        assertThat(detection.keepalivesIdleSeconds()).isEqualTo(10);
        assertThat(detection.keepalivesIntervalSeconds()).isEqualTo(5);
        assertThat(detection.keepalivesCount()).isEqualTo(4);
        assertThat(detection.userTimeoutMillis()).isEqualTo(30_000);
        assertThat(detection.checkIntervalMillis()).isEqualTo(5_000);
        assertThat(detection.watchEvery()).hasSeconds(3);
        assertThat(detection.patienceSeconds()).isEqualTo(15);
    }

    @Test
    void theRunnerStopsBeforeTheServerCanFreeTheLockForEveryTimeoutAllowed() {
        for (long ms = MsrSettings.MIN_DEAD_CLIENT_TIMEOUT.toMillis(); ms <= 600_000; ms += 500) {
            DeadClientDetection detection = new DeadClientDetection(Duration.ofMillis(ms));
            // The server's last packet from the lock's session may be one check older than the cut.
            long runnerStopsBy = 2 * detection.watchEvery().toMillis() + detection.patienceSeconds() * 1000L;
            assertThat(runnerStopsBy).as("%d ms", ms).isLessThan(ms);
            long keepalives = 1000L * (detection.keepalivesIdleSeconds()
                    + (long) detection.keepalivesCount() * detection.keepalivesIntervalSeconds());
            assertThat(keepalives).as("%d ms", ms).isLessThanOrEqualTo(ms);
        }
    }

    @Test
    void offChangesNothingAndWaitsTenSecondsForACheck() {
        assertThat(DeadClientDetection.OFF.enabled()).isFalse();
        assertThat(DeadClientDetection.OFF.patienceSeconds()).isEqualTo(10);
    }
}
