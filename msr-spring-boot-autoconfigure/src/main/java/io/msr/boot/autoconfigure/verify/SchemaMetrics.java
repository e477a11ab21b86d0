package io.msr.boot.autoconfigure.verify;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.msr.DeployPhase;
import io.msr.DriftResult;
import io.msr.InfoResult;
import io.msr.MigrationState;
import org.jspecify.annotations.Nullable;

import java.util.function.ToDoubleFunction;

/** Gauges of the schema state verify mode keeps, and its failed readings; reading them costs no query. */
public final class SchemaMetrics implements MeterBinder {

    // The names of verify mode's meters, each documented in observation.MsrMeters, which refers to them here.
    public static final String SCHEMA_VERSION = "msr.schema.version";
    public static final String MIGRATIONS_PENDING = "msr.migrations.pending";
    public static final String MIGRATIONS_APPLIED = "msr.migrations.applied";
    public static final String MIGRATIONS_FAILED = "msr.migrations.failed";
    public static final String SCHEMA_DRIFT = "msr.schema.drift";
    public static final String VERIFY_REFRESH_ERRORS = "msr.verify.refresh.errors";
    public static final String SCHEMAS = "msr.schemas";
    public static final String STATE_TAG = "state";
    public static final String PHASE_TAG = "phase";

    private final SchemaMonitor monitor;

    public SchemaMetrics(SchemaMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // With many schemas the same gauges sum over the schemas (the version is the lowest): no tag per schema.
        gauge(registry, SCHEMA_VERSION, "Highest applied migration version (the lowest over many schemas)",
                info -> version(info.schemaVersion()), many -> version(many.lowestVersion()));
        for (DeployPhase phase : DeployPhase.values()) {
            gauge(registry, MIGRATIONS_PENDING, "Migrations waiting to be applied, by phase",
                    Tags.of(PHASE_TAG, phase.propertyValue()), info -> info.pending(phase).size(),
                    many -> phase == DeployPhase.PRE_DEPLOY ? many.pendingPreDeploy() : many.pendingPostDeploy());
        }
        gauge(registry, MIGRATIONS_APPLIED, "Migrations applied",
                SchemaStateEvaluator::applied, SchemasSummary::appliedMigrations);
        gauge(registry, MIGRATIONS_FAILED, "Failed migrations waiting for repair",
                info -> info.inState(MigrationState.FAILED).size(), SchemasSummary::failedMigrations);
        if (monitor.targets().listed()) {
            schemas(registry, "ready", SchemasSummary::ready);
            schemas(registry, "behind", SchemasSummary::behind);
            schemas(registry, "down", SchemasSummary::down);
        }
        Gauge.builder(SCHEMA_DRIFT, monitor, current -> drift(current.current().drift()))
                .description("Differences between the schema and the fingerprint of its version (drift)")
                .register(registry);
        FunctionCounter.builder(VERIFY_REFRESH_ERRORS, monitor, SchemaMonitor::refreshErrors)
                .description("Readings of the schema that failed; the gauges keep the last good reading meanwhile")
                .register(registry);
    }

    private void schemas(MeterRegistry registry, String state, ToDoubleFunction<SchemasSummary> count) {
        Gauge.builder(SCHEMAS, monitor, current -> {
            SchemasSummary many = current.current().schemas();
            return many == null ? Double.NaN : count.applyAsDouble(many);
        }).description("Schemas of msr.schemas by readiness").tags(Tags.of(STATE_TAG, state))
                .register(registry);
    }

    private static double version(io.msr.@Nullable Version version) {
        return version == null || !version.isNumber() ? Double.NaN : version.toLong();
    }

    /** The difference count, or NaN when drift is unknown or there is no fingerprint to compare with. */
    static double drift(@Nullable DriftResult drift) {
        return drift == null || drift.status() == DriftResult.Status.NO_FINGERPRINT ? Double.NaN
                : drift.differences().size();
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<InfoResult> one,
            ToDoubleFunction<SchemasSummary> many) {
        gauge(registry, name, description, Tags.empty(), one, many);
    }

    private void gauge(MeterRegistry registry, String name, String description, Tags tags,
            ToDoubleFunction<InfoResult> one, ToDoubleFunction<SchemasSummary> many) {
        Gauge.builder(name, monitor, current -> {
            SchemaState state = current.current();
            if (state.schemas() != null) {
                return many.applyAsDouble(state.schemas());
            }
            InfoResult info = state.info();
            return info == null ? Double.NaN : one.applyAsDouble(info);
        }).description(description).tags(tags).register(registry);
    }
}
