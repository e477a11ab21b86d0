package io.msr;

/** The operation cannot run with the given settings, for example a lock release without the force flag. */
public final class ConfigurationException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with its message and, where known, the migration and database details it is about. */
    public ConfigurationException(String message, Version version, String script, Integer line, String sqlState, Throwable cause) {
        super(message, version, script, line, sqlState, cause);
    }

    /** Creates the error with a message only. */
    public ConfigurationException(String message) {
        this(message, null, null, null, null, null);
    }

    /** Creates the error with a message and its cause. */
    public ConfigurationException(String message, Throwable cause) {
        this(message, null, null, null, null, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ERROR;
    }
}
