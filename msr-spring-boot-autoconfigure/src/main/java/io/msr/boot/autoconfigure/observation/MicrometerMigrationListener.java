package io.msr.boot.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.msr.ExecutedMigration;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.OperationResult;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Records the deprecated timers of {@link MsrMeters} ({@code msr.migration.duration}, {@code msr.migrate.duration},
 * {@code msr.lock.wait}) for one more release, beside the observations' timers that replace them; off with
 * {@code msr.metrics.deprecated-timers.enabled=false}. Goes with them.
 */
@SuppressWarnings("removal")
public final class MicrometerMigrationListener implements MigrationListener {

    private final MeterRegistry registry;

    public MicrometerMigrationListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void lockAcquired(String key, Duration waited) {
        lockWait("acquired", waited);
    }

    @Override
    public void lockNotNeeded(String key, Duration waited) {
        lockWait("not_needed", waited);
    }

    private void lockWait(String outcome, Duration waited) {
        Timer.builder(MsrMeters.LOCK_WAIT).description("Time spent waiting for the migration lock")
                .tag("outcome", outcome).serviceLevelObjectives(buckets()).register(registry).record(waited);
    }

    @Override
    public void migrationSucceeded(ExecutedMigration migration) {
        migration(migration, "success");
    }

    @Override
    public void migrationFailed(ExecutedMigration migration, MsrException error) {
        migration(migration, "failure");
    }

    @Override
    public void runFinished(OperationResult result) {
        Timer.builder(MsrMeters.MIGRATE_DURATION).description("Duration of an MSR operation, lock wait included")
                .tag("operation", result.operation().name().toLowerCase(Locale.ROOT))
                .tag("outcome", result.success() ? "success" : "failure")
                .register(registry).record(result.durationMs(), TimeUnit.MILLISECONDS);
    }

    private static Duration[] buckets() {
        return MsrTimerBuckets.BUCKETS.toArray(Duration[]::new);
    }

    private void migration(ExecutedMigration migration, String outcome) {
        Timer.builder(MsrMeters.MIGRATION_DURATION).description("Duration of one migration")
                .tag("type", migration.type().name().toLowerCase(Locale.ROOT)).tag("outcome", outcome)
                .serviceLevelObjectives(buckets()).register(registry).record(migration.durationMs(), TimeUnit.MILLISECONDS);
    }
}
