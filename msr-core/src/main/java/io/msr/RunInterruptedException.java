package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * The run was stopped from outside, by {@link Msr#stop()} (as on SIGTERM or SIGINT) or by interrupting the thread that
 * ran it: the statement running was cancelled, its transaction rolled back and the lock released. The message says
 * what was running (the migration's version and file, or the wait for the lock or the database) and what remains: a
 * transactional migration left nothing behind, so running again is safe; one outside a transaction is recorded as
 * failed and needs {@code msr.mode=repair} first.
 */
public final class RunInterruptedException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with its message and, where known, the migration it interrupted. */
    public RunInterruptedException(String message, @Nullable Version version, @Nullable String script,
            @Nullable Integer line, @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, version, script, line, sqlState, cause);
    }

    /** Creates the error with a message only. */
    public RunInterruptedException(String message) {
        this(message, null, null, null, null, null);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.INTERRUPTED;
    }
}
