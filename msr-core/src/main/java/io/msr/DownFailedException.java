package io.msr;

import org.jspecify.annotations.Nullable;

/** A down migration failed, or could not run because a migration has no down script or its file is missing. */
public final class DownFailedException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with its message and, where known, the migration and database details it is about. */
    public DownFailedException(String message, @Nullable Version version, @Nullable String script, @Nullable Integer line,
            @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, version, script, line, sqlState, cause);
    }

    /** Creates the error with a message only. */
    public DownFailedException(String message) {
        this(message, null, null, null, null, null);
    }

    /** Creates the error with a message and its cause. */
    public DownFailedException(String message, @Nullable Throwable cause) {
        this(message, null, null, null, null, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ROLLBACK_FAILED;
    }
}
