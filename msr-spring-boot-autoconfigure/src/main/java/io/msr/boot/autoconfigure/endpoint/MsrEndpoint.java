package io.msr.boot.autoconfigure.endpoint;

import io.msr.Msr;
import io.msr.MsrResult;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.boot.autoconfigure.verify.SchemaState;
import io.msr.boot.autoconfigure.verify.SchemaStateEvaluator;
import io.msr.boot.autoconfigure.verify.SchemaSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read-only {@code msr} Actuator endpoint ({@code /actuator/msr} once exposed), in every mode that has an
 * engine: the status and schema summary of the health indicator plus every migration with its state, type,
 * checksum, installation time and duration. In verify mode it reads the state the monitor keeps (no query);
 * otherwise it reads the schema on each request and adds {@code lastOperation}, the result of the last operation
 * (in migrate-on-start mode, the startup migration).
 */
@Endpoint(id = "msr")
public final class MsrEndpoint {

    private final @Nullable SchemaMonitor monitor;
    private final @Nullable Msr msr;
    private final @Nullable LastOperation lastOperation;

    /** Creates the endpoint over verify mode's cached state. */
    public MsrEndpoint(SchemaMonitor monitor) {
        this(monitor, null, null);
    }

    /** Creates the endpoint for a mode without a monitor: it reads the schema on each request. */
    public MsrEndpoint(Msr msr, LastOperation lastOperation) {
        this(null, msr, lastOperation);
    }

    private MsrEndpoint(@Nullable SchemaMonitor monitor, @Nullable Msr msr, @Nullable LastOperation lastOperation) {
        this.monitor = monitor;
        this.msr = msr;
        this.lastOperation = lastOperation;
    }

    /** Returns the status, the summary, every migration and, outside verify mode, the last operation. */
    @ReadOperation
    public Map<String, @Nullable Object> schema() {
        SchemaState state = monitor != null ? monitor.current() : readNow();
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("status", state.status().name());
        body.putAll(SchemaSummary.of(state));
        body.put("migrations", SchemaSummary.migrations(state));
        if (lastOperation != null) {
            body.put("lastOperation", lastOperation.result().map(MsrResult::toMap).orElse(null));
        }
        return body;
    }

    private SchemaState readNow() {
        try {
            return SchemaStateEvaluator.evaluate(msr.info(), true);
        } catch (RuntimeException e) {
            return new SchemaState(SchemaState.Status.DOWN, "The schema could not be read", null,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), Instant.now());
        }
    }
}
