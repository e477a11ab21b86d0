package io.msr.boot.autoconfigure.verify;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msr.ConnectionException;
import io.msr.boot.autoconfigure.observation.MsrMeters;
import io.msr.boot.autoconfigure.MsrProperties;
import io.msr.boot.autoconfigure.SettingsFromProperties;
import io.msr.boot.autoconfigure.endpoint.MsrEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMonitorTest {

    private static final Instant T0 = Instant.parse("2026-01-15T09:30:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final ScriptedMsr msr = new ScriptedMsr(ScriptedMsr::current);
    private final MsrProperties.Verify settings = new MsrProperties.Verify();
    private final SchemaMonitor monitor = new SchemaMonitor(msr, SettingsFromProperties.verify(settings), clock);

    private void databaseGoesAway() {
        msr.answer(() -> {
            throw new ConnectionException("Connection to db:5432 refused");
        });
    }

    @Test
    void keepsTheLastGoodStateMarkedStaleDuringTheGracePeriod() {
        monitor.refresh();
        databaseGoesAway();
        clock.advance(Duration.ofSeconds(5));
        SchemaState first = monitor.refresh();
        clock.advance(Duration.ofSeconds(20));
        SchemaState later = monitor.refresh();

        assertThat(later.status()).isEqualTo(SchemaState.Status.UP);
        assertThat(later.stale()).isTrue();
        assertThat(later.staleSince()).isEqualTo(T0.plusSeconds(5)).isEqualTo(first.staleSince());
        assertThat(later.checkedAt()).as("when it was last read").isEqualTo(T0);
        assertThat(later.error()).contains("Connection to db:5432 refused");
        assertThat(later.info()).isNotNull();
    }

    @Test
    void reportsDownOnceTheGracePeriodHasPassed() {
        monitor.refresh();
        databaseGoesAway();
        monitor.refresh();
        clock.advance(Duration.ofSeconds(30));
        SchemaState state = monitor.refresh();

        assertThat(state.status()).isEqualTo(SchemaState.Status.DOWN);
        assertThat(state.staleSince()).isEqualTo(T0);
        assertThat(state.reason()).contains("since " + T0).contains("msr.verify.stale-grace-period=30s");
        assertThat(state.info()).as("the last reading is still shown").isNotNull();
    }

    @Test
    void keepsAnOutOfServiceStateOutOfServiceDuringTheGracePeriod() {
        msr.answer(() -> ScriptedMsr.pending(2));
        monitor.refresh();
        databaseGoesAway();
        assertThat(monitor.refresh().status()).isEqualTo(SchemaState.Status.OUT_OF_SERVICE);
    }

    @Test
    void countsEveryFailedReadingForTheRefreshErrorsCounter() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new SchemaMetrics(monitor).bindTo(meters);
        FunctionCounter errors = meters.get(MsrMeters.VERIFY_REFRESH_ERRORS).functionCounter();
        monitor.refresh();
        assertThat(errors.count()).isZero();

        databaseGoesAway();
        monitor.refresh();
        clock.advance(Duration.ofSeconds(40));
        monitor.refresh();
        assertThat(errors.count()).as("stale, then down: two failed readings").isEqualTo(2.0);
        assertThat(meters.get(MsrMeters.MIGRATIONS_APPLIED).gauge().value()).as("the last good reading")
                .isEqualTo(1.0);
    }

    @Test
    void reportsDownAtOnceWhenNothingWasReadBefore() {
        databaseGoesAway();
        SchemaState state = monitor.refresh();
        assertThat(state.status()).isEqualTo(SchemaState.Status.DOWN);
        assertThat(state.stale()).isFalse();
    }

    @Test
    void aZeroGracePeriodReportsDownAtTheFirstFailedRead() {
        settings.setStaleGracePeriod(Duration.ZERO);
        SchemaMonitor monitor = new SchemaMonitor(msr, SettingsFromProperties.verify(settings), clock);
        monitor.refresh();
        databaseGoesAway();
        SchemaState state = monitor.refresh();
        assertThat(state.status()).isEqualTo(SchemaState.Status.DOWN);
        assertThat(state.staleSince()).isEqualTo(T0);
    }

    @Test
    void isFreshAgainAtTheNextSuccessfulRead() {
        monitor.refresh();
        databaseGoesAway();
        monitor.refresh();
        clock.advance(Duration.ofMinutes(5));
        monitor.refresh();
        msr.answer(ScriptedMsr::current);
        SchemaState state = monitor.refresh();

        assertThat(state.status()).isEqualTo(SchemaState.Status.UP);
        assertThat(state.stale()).isFalse();
        assertThat(state.error()).isNull();
        assertThat(state.checkedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void healthAndTheEndpointSayTheStateIsStaleSinceWhenAndWhy() {
        monitor.refresh();
        databaseGoesAway();
        clock.advance(Duration.ofSeconds(3));
        monitor.refresh();

        var health = new MsrHealthIndicator(monitor).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("stale", true)
                .containsEntry("staleSince", T0.plusSeconds(3).toString())
                .containsEntry("checkedAt", T0.toString()).containsEntry("schemaVersion", 1L);
        assertThat(String.valueOf(health.getDetails().get("error"))).contains("Connection to db:5432 refused");
        Map<String, Object> endpoint = new MsrEndpoint(monitor).schema();
        assertThat(endpoint).containsEntry("stale", true).containsEntry("staleSince", T0.plusSeconds(3).toString());
    }

    @Test
    void aFreshStateHasNoStaleDetails() {
        monitor.refresh();
        assertThat(new MsrHealthIndicator(monitor).health().getDetails()).doesNotContainKeys("stale", "staleSince",
                "error");
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
