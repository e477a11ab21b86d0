package io.msr;

import org.jspecify.annotations.Nullable;

/** A database error outside any migration, such as a missing permission on the history table. */
public final class MsrDatabaseException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with its message and, where known, the migration and database details it is about. */
    public MsrDatabaseException(String message, @Nullable Version version, @Nullable String script, @Nullable Integer line,
            @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, version, script, line, sqlState, cause);
    }

    /** Creates the error with a message only. */
    public MsrDatabaseException(String message) {
        this(message, null, null, null, null, null);
    }

    /** Creates the error with a message and its cause. */
    public MsrDatabaseException(String message, @Nullable Throwable cause) {
        this(message, null, null, null, null, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ERROR;
    }
}
