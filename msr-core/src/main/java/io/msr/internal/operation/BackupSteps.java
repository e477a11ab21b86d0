package io.msr.internal.operation;

import io.msr.Version;
import io.msr.internal.backup.BackupFile;
import io.msr.internal.execute.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

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
            run.recorder().note("Backed up the database at schema version " + Versions.text(version) + " to "
                    + file.path() + " (" + file.size() + ", " + file.durationMs() + " ms)");
        };
    }

    /**
     * Restores a backup file: drops the objects in scope it does not hold, then {@code pg_restore --clean
     * --if-exists} in one transaction, so the database (or the configured schemas) ends up as backed up.
     */
    static OperationTemplate.Step restore(EngineContext context, Path file) {
        return run -> {
            run.recorder().versionAfter(null);
            List<String> dropped = context.backup().restore(file, run.session().connection);
            Version after = run.session().readHistory().state().schemaVersion();
            run.recorder().versionAfter(after);
            run.recorder().note("Restored the database from " + file + (dropped.isEmpty() ? ""
                    : " after dropping what it does not hold (" + String.join(", ", dropped) + ")")
                    + "; the schema is at version " + Versions.text(after));
            log.info("Restored {}; schema version {}", file, Versions.text(after));
        };
    }
}
