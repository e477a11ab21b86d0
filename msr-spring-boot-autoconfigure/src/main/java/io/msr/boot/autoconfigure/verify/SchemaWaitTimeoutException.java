package io.msr.boot.autoconfigure.verify;

import java.time.Duration;

/**
 * Startup failed because the schema did not become current within {@code msr.verify.wait-on-start}; the message
 * names the pending migrations (or why the schema could not be read) and the property.
 */
public class SchemaWaitTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SchemaState state;

    /** Creates the exception for the state seen when the wait ended. */
    public SchemaWaitTimeoutException(Duration waited, SchemaState state) {
        super("The schema did not become current within msr.verify.wait-on-start="
                + DurationText.of(waited) + " ("
                + state.status() + "): " + state.describe());
        this.state = state;
    }

    /** Returns the state seen when the wait ended. */
    public SchemaState state() {
        return state;
    }
}
