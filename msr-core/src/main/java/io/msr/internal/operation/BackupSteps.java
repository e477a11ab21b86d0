package io.msr.internal.operation;

import io.msr.Version;
import io.msr.internal.backup.BackupFile;
import io.msr.internal.backup.Restored;
import io.msr.internal.execute.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The backup and restore operations on their own ({@code msr.mode=backup}, {@code msr.mode=restore}). Both run
 * under the migration lock, so a backup never captures half a migration run and a restore never races one.
 */
final class BackupSteps {

    private static final Logger log = LoggerFactory.getLogger(BackupSteps.class);

    private BackupSteps() {
    }

    /** Writes a new backup file, which is kept; the result's notes name it. */
    static OperationTemplate.Step backup(EngineContext context) {
        return run -> {
            Version version = run.history().state().schemaVersion();
            BackupFile file = context.backup().dump();
            run.recorder().backedUp(file.path(), file.sha256());
            run.recorder().note("Backed up the database at schema version " + Versions.text(version) + " to "
                    + file.path() + " (" + file.size() + ", SHA-256 " + file.sha256() + " in " + file.checksumFile()
                    .getFileName() + ", " + file.durationMs() + " ms)");
        };
    }

    /**
     * Restores a backup file: checks it against its checksum file (refusing, with nothing changed, a file without
     * one or whose SHA-256 differs), drops the objects in scope it does not hold, then {@code pg_restore --clean
     * --if-exists} in one transaction, so the database (or the configured schemas) ends up as backed up.
     */
    static OperationTemplate.Step restore(EngineContext context, Path file) {
        return run -> {
            run.recorder().versionAfter(null);
            Restored restored = context.backup().restore(file, run.session().connection);
            run.recorder().restored(file, restored.sha256(), restored.dropped(), restored.kept());
            Version after = run.session().readHistory().state().schemaVersion();
            run.recorder().versionAfter(after);
            run.recorder().note("Restored the database from " + file + (restored.dropped().isEmpty() ? ""
                    : " after dropping what it does not hold (" + String.join(", ", restored.dropped()) + ")")
                    + "; the schema is at version " + Versions.text(after));
            log.info("Restored {}; schema version {}", file, Versions.text(after));
        };
    }
}
