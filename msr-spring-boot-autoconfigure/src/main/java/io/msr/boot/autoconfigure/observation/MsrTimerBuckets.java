package io.msr.boot.autoconfigure.observation;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gives the timers {@link MsrMeters#MIGRATION} and {@link MsrMeters#LOCK_ACQUIRE}, which Spring Boot's meter handler
 * makes from the observations, fixed histogram buckets: a dozen bounds from 10 ms to an hour, for
 * {@code histogram_quantile} per type, rather than Micrometer's ~70 computed ones. It only fills in boundaries no
 * other filter set, so {@code management.metrics.distribution.slo.msr.migration} wins in whichever order Spring Boot
 * applies the filters; the other {@code management.metrics.distribution.*} properties apply on top.
 */
public final class MsrTimerBuckets implements MeterFilter {

    /** The bounds: migrations and lock waits both range from milliseconds to minutes. */
    public static final List<Duration> BUCKETS = Stream.of(10L, 100L, 500L, 1_000L, 5_000L, 10_000L, 30_000L, 60_000L,
            120_000L, 300_000L, 900_000L, 3_600_000L).map(Duration::ofMillis).toList();

    private static final Set<String> TIMERS = Set.of(MsrMeters.MIGRATION, MsrMeters.LOCK_ACQUIRE);

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        double[] set = config.getServiceLevelObjectiveBoundaries();
        if (id.getType() != Meter.Type.TIMER || !TIMERS.contains(id.getName()) || (set != null && set.length > 0)) {
            return config;
        }
        // A timer's boundaries are in nanoseconds, as Timer.Builder.serviceLevelObjectives(Duration...) stores them.
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(BUCKETS.stream().mapToDouble(Duration::toNanos).toArray()).build()
                .merge(config);
    }
}
