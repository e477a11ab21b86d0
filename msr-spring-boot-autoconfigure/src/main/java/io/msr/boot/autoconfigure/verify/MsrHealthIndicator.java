package io.msr.boot.autoconfigure.verify;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code msr} health indicator: UP when nothing is pending and nothing is broken, OUT_OF_SERVICE while
 * migrations are pending, DOWN when the database is unreachable, a migration failed, an applied one was
 * edited or the files have validation errors (listed under {@code errors}, as the migration Job prints them). It reads the state verify mode keeps, so a probe costs no query. It belongs in the readiness group,
 * never in liveness: a pending migration must not get the pod restarted.
 */
public final class MsrHealthIndicator implements HealthIndicator {

    private final SchemaMonitor monitor;

    /** Creates the indicator over the monitor's cached state. */
    public MsrHealthIndicator(SchemaMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        SchemaState state = monitor.current();
        return Health.status(status(state.status())).withDetails(SchemaSummary.of(state)).build();
    }

    static Status status(SchemaState.Status status) {
        return switch (status) {
            case UP -> Status.UP;
            case OUT_OF_SERVICE -> Status.OUT_OF_SERVICE;
            case DOWN -> Status.DOWN;
            case UNKNOWN -> Status.UNKNOWN;
        };
    }
}
