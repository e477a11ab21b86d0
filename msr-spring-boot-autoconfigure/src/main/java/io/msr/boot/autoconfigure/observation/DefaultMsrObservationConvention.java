package io.msr.boot.autoconfigure.observation;

import io.micrometer.common.KeyValues;
import io.msr.DeployPhase;
import io.msr.Direction;
import io.msr.MigrationType;
import io.msr.Operation;
import org.jspecify.annotations.Nullable;

import java.util.Locale;

/**
 * The names and keys of {@link MsrObservations}. Contextual names (span names) stay general, as the OpenTelemetry
 * conventions ask: {@code msr migrate}, {@code msr lock wait}, {@code msr migration up}; the version is an attribute.
 * Extend it to change one thing (see {@link MsrObservationConvention}).
 */
public class DefaultMsrObservationConvention implements MsrObservationConvention {

    private final MsrObservationContext.Kind kind;

    /** Creates the default convention of one kind of observation. */
    public DefaultMsrObservationConvention(MsrObservationContext.Kind kind) {
        this.kind = kind;
    }

    @Override
    public MsrObservationContext.Kind kind() {
        return kind;
    }

    @Override
    public String getName() {
        return switch (kind) {
            case OPERATION -> MsrObservations.OPERATION;
            case LOCK_WAIT -> MsrObservations.LOCK_WAIT;
            case MIGRATION -> MsrObservations.MIGRATION;
        };
    }

    @Override
    public String getContextualName(MsrObservationContext context) {
        return switch (kind) {
            case OPERATION -> "msr " + operation(context.operation());
            case LOCK_WAIT -> "msr lock wait";
            case MIGRATION -> "msr migration " + direction(context.direction());
        };
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(MsrObservationContext context) {
        KeyValues common = KeyValues.of(MsrObservations.OPERATION_KEY,
                operation(context.operation()),
                MsrObservations.OUTCOME_KEY, outcome(context.outcome()));
        if (kind != MsrObservationContext.Kind.MIGRATION) {
            return common;
        }
        return common.and(MsrObservations.TYPE_KEY, type(context.type()),
                MsrObservations.DIRECTION_KEY, direction(context.direction()),
                MsrObservations.PHASE_KEY, phase(context.phase()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(MsrObservationContext context) {
        return switch (kind) {
            case OPERATION -> KeyValues.empty();
            case LOCK_WAIT -> KeyValues.of(MsrObservations.LOCK_KEY, context.lockKey());
            case MIGRATION -> {
                KeyValues values = KeyValues.of(MsrObservations.DESCRIPTION, context.description(),
                        MsrObservations.SCRIPT, context.script());
                yield context.version() == null ? values
                        : values.and(MsrObservations.VERSION, context.version().toString());
            }
        };
    }

    private static String operation(Operation operation) {
        return lower(operation);
    }

    private static String outcome(MsrObservationContext.Outcome outcome) {
        return lower(outcome);
    }

    private static String type(MigrationType type) {
        return lower(type);
    }

    private static String direction(@Nullable Direction direction) {
        return lower(direction);
    }

    private static String phase(@Nullable DeployPhase phase) {
        return phase == null ? MsrObservations.UNKNOWN : phase.propertyValue();
    }

    private static String lower(@Nullable Enum<?> value) {
        return value == null ? MsrObservations.UNKNOWN : value.name().toLowerCase(Locale.ROOT);
    }
}
