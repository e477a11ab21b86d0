package io.msr;

import org.jspecify.annotations.Nullable;

/** The migration lock was not acquired within the wait timeout. The message names the lock key and the current holder. */
public final class LockTimeoutException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with its message and, where known, the migration and database details it is about. */
    public LockTimeoutException(String message, @Nullable Version version, @Nullable String script, @Nullable Integer line,
            @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, version, script, line, sqlState, cause);
    }

    /** Creates the error with a message only. */
    public LockTimeoutException(String message) {
        this(message, null, null, null, null, null);
    }

    /** Creates the error with a message and its cause. */
    public LockTimeoutException(String message, @Nullable Throwable cause) {
        this(message, null, null, null, null, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.LOCK_TIMEOUT;
    }
}
