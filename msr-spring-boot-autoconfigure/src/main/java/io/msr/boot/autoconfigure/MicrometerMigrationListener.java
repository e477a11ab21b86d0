package io.msr.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.msr.ExecutedMigration;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.OperationResult;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Records the timers of {@link MsrMeters}: each migration, each operation and each lock wait. */
final class MicrometerMigrationListener implements MigrationListener {

    private final MeterRegistry registry;

    MicrometerMigrationListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void lockAcquired(String key, Duration waited) {
        Timer.builder(MsrMeters.LOCK_WAIT).description("Time spent waiting for the migration lock")
                .tag("outcome", "acquired").register(registry).record(waited);
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

    private void migration(ExecutedMigration migration, String outcome) {
        Timer.builder(MsrMeters.MIGRATION_DURATION).description("Duration of one migration")
                .tag("type", migration.type().name().toLowerCase(Locale.ROOT)).tag("outcome", outcome)
                .register(registry).record(migration.durationMs(), TimeUnit.MILLISECONDS);
    }
}
