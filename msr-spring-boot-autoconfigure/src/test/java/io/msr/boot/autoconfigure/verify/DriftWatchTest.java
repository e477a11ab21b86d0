package io.msr.boot.autoconfigure.verify;

import io.msr.DriftResult;
import io.msr.MsrDatabaseException;
import io.msr.Version;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Verify mode compares the schema with its fingerprint at most once per interval, or when the version changes. */
class DriftWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private final ScriptedMsr msr = new ScriptedMsr(ScriptedMsr::current);
    private final DriftWatch watch = new DriftWatch(msr, true, Duration.ofMinutes(1));

    private static DriftResult noDrift() {
        return new DriftResult(DriftResult.Status.NO_DRIFT, Version.of(1), List.of("app"), T0, "migrator", 3, List.of(),
                "No drift");
    }

    @Test
    void checksOncePerIntervalAndAgainWhenTheVersionChanges() {
        msr.answerDrift(DriftWatchTest::noDrift);

        assertThat(watch.check(ScriptedMsr.current(), T0).status()).isEqualTo(DriftResult.Status.NO_DRIFT);
        watch.check(ScriptedMsr.current(), T0.plusSeconds(59));
        assertThat(msr.driftCalls()).isEqualTo(1);

        watch.check(ScriptedMsr.pending(2), T0.plusSeconds(59));
        assertThat(msr.driftCalls()).as("same version V1, pending V2: reuse").isEqualTo(1);
        watch.check(ScriptedMsr.current(), T0.plusSeconds(60));
        assertThat(msr.driftCalls()).isEqualTo(2);
    }

    @Test
    void aFailedCheckLeavesDriftUnknownAndIsRetriedAfterTheInterval() {
        msr.answerDrift(() -> {
            throw new MsrDatabaseException("permission denied for table msr_schema_history_fingerprint");
        });
        assertThat(watch.check(ScriptedMsr.current(), T0)).isNull();
        assertThat(watch.check(ScriptedMsr.current(), T0.plusSeconds(1))).isNull();
        assertThat(msr.driftCalls()).isEqualTo(1);

        msr.answerDrift(DriftWatchTest::noDrift);
        assertThat(watch.check(ScriptedMsr.current(), T0.plusSeconds(61))).isNotNull();
    }

    @Test
    void checksNothingWhenTurnedOff() {
        DriftWatch off = new DriftWatch(msr, false, Duration.ZERO);
        assertThat(off.check(ScriptedMsr.current(), T0)).isNull();
        assertThat(msr.driftCalls()).isZero();
    }
}
