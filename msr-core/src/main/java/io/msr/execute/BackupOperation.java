package io.msr.execute;

import io.msr.MsrException;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.backup.BackupFile;
import io.msr.history.HistoryState;
import io.msr.internal.SqlErrors;
import io.msr.lock.LockLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * The backup and restore operations on their own ({@code msr.mode=backup}, {@code msr.mode=restore}). Both run
 * under the migration lock, so a backup never captures half a migration run and a restore never races one.
 */
final class BackupOperation {

    private static final Logger log = LoggerFactory.getLogger(BackupOperation.class);

    private final EngineContext context;

    BackupOperation(EngineContext context) {
        this.context = context;
    }

    /** Writes a new backup file, which is kept; the result's notes name it. */
    OperationResult backup() {
        RunRecorder recorder = new RunRecorder(Operation.BACKUP, context.listener());
        try (RunSession session = RunSession.open(context.connections(), context.settings());
             LockLease lease = acquire(session)) {
            Long version = schemaVersion(session);
            recorder.versions(version, version);
            lease.ensureHeld();
            BackupFile file = context.backup().dump();
            recorder.note("Backed up the database at schema version " + MigrateOperation.versionText(version)
                    + " to " + file.path() + " (" + file.size() + ", " + file.durationMs() + " ms)");
            return recorder.success();
        } catch (MsrException e) {
            log.error("Backup failed: {}", e.getMessage());
            throw recorder.failure(e);
        }
    }

    /**
     * Restores a backup file: drops the objects in scope it does not hold, then {@code pg_restore --clean
     * --if-exists} in one transaction, so the database (or the configured schemas) ends up as backed up.
     */
    OperationResult restore(Path file) {
        RunRecorder recorder = new RunRecorder(Operation.RESTORE, context.listener());
        try (RunSession session = RunSession.open(context.connections(), context.settings());
             LockLease lease = acquire(session)) {
            recorder.versions(schemaVersion(session), null);
            lease.ensureHeld();
            List<String> dropped = context.backup().restore(file, session.connection);
            Long after = schemaVersion(session);
            recorder.versionAfter(after);
            recorder.note("Restored the database from " + file + (dropped.isEmpty() ? ""
                    : " after dropping what it does not hold (" + String.join(", ", dropped) + ")")
                    + "; the schema is at version " + MigrateOperation.versionText(after));
            log.info("Restored {}; schema version {}", file, MigrateOperation.versionText(after));
            return recorder.success();
        } catch (MsrException e) {
            log.error("Restore failed: {}", e.getMessage());
            throw recorder.failure(e);
        }
    }

    private LockLease acquire(RunSession session) {
        return session.lock.acquire(context.settings().lockWaitTimeout(), LockObservers.logging(context.listener()));
    }

    private static Long schemaVersion(RunSession session) {
        try {
            return HistoryState.replay(session.history.readAll(session.connection)).schemaVersion();
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not read the history table " + session.history.qualifiedName(), e);
        }
    }

}
