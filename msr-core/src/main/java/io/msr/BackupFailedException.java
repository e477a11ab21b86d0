package io.msr;

import org.jspecify.annotations.Nullable;

/** Taking a backup failed: the backup tool is missing, could not connect, or could not write the file. Nothing was migrated. */
public final class BackupFailedException extends MsrException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with a message that names the file or setting at fault. */
    public BackupFailedException(String message) {
        super(message, null, null, null, null, null);
    }

    /** Creates the error with a message and its cause. */
    public BackupFailedException(String message, @Nullable Throwable cause) {
        super(message, null, null, null, null, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BACKUP_FAILED;
    }
}
