package io.msr.boot.autoconfigure;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read-only {@code msr} Actuator endpoint ({@code /actuator/msr} once exposed): the schema summary of the
 * health indicator plus every migration with its state, type, checksum, installation time and duration, from
 * the state verify mode keeps.
 */
@Endpoint(id = "msr")
public final class MsrEndpoint {

    private final SchemaMonitor monitor;

    /** Creates the endpoint over the monitor's cached state. */
    public MsrEndpoint(SchemaMonitor monitor) {
        this.monitor = monitor;
    }

    /** Returns the summary and every migration. */
    @ReadOperation
    public Map<String, Object> schema() {
        SchemaState state = monitor.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", state.status().name());
        body.putAll(SchemaSummary.of(state));
        body.put("migrations", SchemaSummary.migrations(state));
        return body;
    }
}
