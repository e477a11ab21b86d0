package io.msr.boot.autoconfigure.verify;

/** Startup failed because {@code msr.verify.fail-on-pending=true} and the schema is not up to date. */
public class SchemaNotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SchemaState state;

    /** Creates the exception for the state seen at startup. */
    public SchemaNotReadyException(SchemaState state) {
        super("The schema is not ready (" + state.status() + "): " + state.reason()
                + (state.error() == null ? "" : ": " + state.error()));
        this.state = state;
    }

    /** Returns the state seen at startup. */
    public SchemaState state() {
        return state;
    }
}
