package io.msr.boot.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.msr.DeployPhase;
import io.msr.DriftResult;
import io.msr.InfoResult;
import io.msr.MigrationState;
import io.msr.MigrationType;

import java.util.function.ToDoubleFunction;

/** Gauges of the schema state verify mode keeps, and its failed readings; reading them costs no query. */
final class SchemaMetrics implements MeterBinder {

    private final SchemaMonitor monitor;

    SchemaMetrics(SchemaMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, MsrMeters.SCHEMA_VERSION, "Highest applied migration version",
                info -> info.schemaVersion() == null || !info.schemaVersion().isNumber() ? Double.NaN
                        : info.schemaVersion().toLong());
        for (DeployPhase phase : DeployPhase.values()) {
            gauge(registry, MsrMeters.MIGRATIONS_PENDING, "Migrations waiting to be applied, by phase",
                    Tags.of(MsrMeters.PHASE_TAG, phase.propertyValue()), info -> info.pending(phase).size());
        }
        gauge(registry, MsrMeters.MIGRATIONS_APPLIED, "Migrations applied",
                SchemaMetrics::applied);
        gauge(registry, MsrMeters.MIGRATIONS_FAILED, "Failed migrations waiting for repair",
                info -> info.inState(MigrationState.FAILED).size());
        Gauge.builder(MsrMeters.SCHEMA_DRIFT, monitor, current -> drift(current.current().drift()))
                .description("Differences between the schema and the fingerprint of its version (drift)")
                .register(registry);
        FunctionCounter.builder(MsrMeters.VERIFY_REFRESH_ERRORS, monitor, SchemaMonitor::refreshErrors)
                .description("Readings of the schema that failed; the gauges keep the last good reading meanwhile")
                .register(registry);
    }

    /**
     * The migrations the schema holds: applied (edited, ahead and missing ones too) and those covered by a baseline;
     * the baseline row itself is no migration.
     */
    static int applied(InfoResult info) {
        int baselineRows = (int) info.inState(MigrationState.APPLIED).stream()
                .filter(migration -> migration.type() == MigrationType.BASELINE).count();
        return info.inState(MigrationState.APPLIED).size() - baselineRows
                + info.inState(MigrationState.CHECKSUM_MISMATCH).size() + info.inState(MigrationState.AHEAD).size()
                + info.inState(MigrationState.MISSING).size() + info.inState(MigrationState.BELOW_BASELINE).size();
    }

    /** The difference count, or NaN when drift is unknown or there is no fingerprint to compare with. */
    static double drift(DriftResult drift) {
        return drift == null || drift.status() == DriftResult.Status.NO_FINGERPRINT ? Double.NaN
                : drift.differences().size();
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<InfoResult> value) {
        gauge(registry, name, description, Tags.empty(), value);
    }

    private void gauge(MeterRegistry registry, String name, String description, Tags tags,
            ToDoubleFunction<InfoResult> value) {
        Gauge.builder(name, monitor, current -> {
            InfoResult info = current.current().info();
            return info == null ? Double.NaN : value.applyAsDouble(info);
        }).description(description).tags(tags).register(registry);
    }
}
