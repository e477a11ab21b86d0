package io.msr;

import org.jspecify.annotations.Nullable;

/** Restoring a backup failed: the database may be partly restored. The message names the backup file, which is kept, and how to restore it by hand. */
public final class RestoreFailedException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with a message that names the file or setting at fault. */
    public RestoreFailedException(String message) {
        super(message, null, null, null, null, null);
    }

    /** Creates the error with a message and its cause. */
    public RestoreFailedException(String message, @Nullable Throwable cause) {
        super(message, null, null, null, null, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.RESTORE_FAILED;
    }
}
