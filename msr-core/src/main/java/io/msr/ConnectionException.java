package io.msr;

import org.jspecify.annotations.Nullable;

/** The database could not be reached, refused the credentials, or the connection (including the lock connection) was lost. The message shows the target with any password removed. */
public final class ConnectionException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with its message and, where known, the migration and database details it is about. */
    public ConnectionException(String message, @Nullable Version version, @Nullable String script, @Nullable Integer line,
            @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, version, script, line, sqlState, cause);
    }

    /** Creates the error with a message only. */
    public ConnectionException(String message) {
        this(message, null, null, null, null, null);
    }

    /** Creates the error with a message and its cause. */
    public ConnectionException(String message, @Nullable Throwable cause) {
        this(message, null, null, null, null, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.CONNECTION;
    }
}
