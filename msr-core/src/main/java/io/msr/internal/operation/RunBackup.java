package io.msr.internal.operation;

import io.msr.MsrException;
import io.msr.RestoreFailedException;
import io.msr.internal.backup.BackupFile;
import io.msr.internal.backup.PgBackup;
import io.msr.internal.backup.Restored;
import io.msr.internal.backup.RunFootprint;
import io.msr.internal.execute.RunRecorder;
import io.msr.internal.execute.Versions;
import io.msr.internal.lock.LockLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;

/**
 * The backup a migrate run takes, under the lock and before its first migration, when the rollback strategy
 * calls for one. Deleted once it is no longer needed unless {@code msr.backup.keep} is set; a backup whose restore
 * failed is always kept.
 */
final class RunBackup {

    private static final Logger log = LoggerFactory.getLogger(RunBackup.class);

    private final PgBackup tool;
    private final BackupFile file;
    private final boolean keep;
    private final RunFootprint footprint;

    private RunBackup(PgBackup tool, BackupFile file, boolean keep) {
        this.tool = tool;
        this.file = file;
        this.keep = keep;
        this.footprint = tool.footprint();
    }

    /** Takes the backup; throws {@link BackupFailedException} (exit code 5) before anything has run. */
    static RunBackup take(PgBackup tool, boolean keep, RunRecorder recorder) {
        BackupFile file = tool.dump();
        recorder.backedUp(file.path(), file.sha256());
        recorder.note("Backed up the database to " + file.path() + " (" + file.size() + ", SHA-256 "
                + file.sha256() + ", " + file.durationMs() + " ms) before running any migration");
        return new RunBackup(tool, file, keep);
    }

    /** Returns what records the objects the run creates; the applier feeds it. */
    RunFootprint footprint() {
        return footprint;
    }

    /**
     * Brings the database back to the backup, under the lock, after {@code failure}. Returns normally when the
     * restore succeeded; throws {@link RestoreFailedException} (exit code 6), carrying the failure, when it did not.
     */
    void restore(Connection connection, LockLease lease, RunRecorder recorder, MsrException failure) {
        try {
            lease.ensureHeld();
        } catch (MsrException lost) {
            throw restoreFailed("the migration lock was lost, so restoring could overwrite another runner's work;"
                    + " the database was not restored. The backup is kept at " + file.path(), failure, lost);
        }
        log.warn("Restoring the database from {} after the failure (msr.rollback-strategy)", file.path());
        Restored restored;
        try {
            restored = tool.restore(file, connection, footprint);
        } catch (RestoreFailedException e) {
            throw restoreFailed(e.getMessage(), failure, e);
        }
        recorder.rollBackSucceeded();
        recorder.versionAfter(recorder.versionBefore());
        recorder.restored(file.path(), restored.sha256(), restored.dropped(), restored.kept());
        recorder.note("Restored the database from the backup " + file.path() + " (SHA-256 checked)"
                + (restored.dropped().isEmpty() ? "" : " after dropping what the run had created ("
                + String.join(", ", restored.dropped()) + ")")
                + (restored.kept().isEmpty() ? "" : "; kept what other sessions created during the run ("
                + String.join(", ", restored.kept()) + ")")
                + "; the schema is back at " + Versions.text(recorder.versionBefore()));
    }

    /** Deletes the file unless it is to be kept, and says which in the result. */
    void discard(RunRecorder recorder) {
        if (keep) {
            recorder.note("Kept the backup " + file.path() + " (msr.backup.keep=true)");
            return;
        }
        try {
            Files.deleteIfExists(file.path());
            Files.deleteIfExists(file.checksumFile());
            recorder.note("Deleted the backup " + file.path() + ", no longer needed");
        } catch (IOException e) {
            log.warn("Could not delete the backup {}: {}", file.path(), e.toString());
            recorder.note("Could not delete the backup " + file.path() + ": " + e);
        }
    }

    private static RestoreFailedException restoreFailed(String reason, MsrException failure, Exception cause) {
        RestoreFailedException error = new RestoreFailedException("The run failed (" + failure.getMessage()
                + ") and restoring the backup failed: " + reason, cause);
        error.addSuppressed(failure);
        return error;
    }
}
