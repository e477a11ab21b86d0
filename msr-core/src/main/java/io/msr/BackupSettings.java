package io.msr;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How backups are taken and restored with PostgreSQL's own tools ({@code pg_dump -Fc}, {@code pg_restore}), for
 * the {@code backup} and {@code both} rollback strategies and the backup and restore operations.
 *
 * <p>The tools connect with the JDBC URL, user and password MSR was given; the password reaches them through
 * their environment ({@code PGPASSWORD}), never their command line.
 *
 * @param folder    where backup files are written, created when missing; default {@code <java.io.tmpdir>/msr-backups}
 *                  (a backup that must outlive the process belongs on a persistent volume)
 * @param keep      keep the backup of a migrate run that succeeded, or whose restore succeeded (a backup whose
 *                  restore failed, or one taken by the backup operation, is always kept)
 * @param pgDump    the {@code pg_dump} command: a name looked up on {@code PATH} or a path
 * @param pgRestore the {@code pg_restore} command: a name looked up on {@code PATH} or a path
 * @param schemas   the schemas backed up and restored; empty (default) means the whole database
 */
public record BackupSettings(Path folder, boolean keep, String pgDump, String pgRestore, List<String> schemas) {

    /** The default folder. */
    public static final Path DEFAULT_FOLDER = Path.of(System.getProperty("java.io.tmpdir"), "msr-backups");
    /** The default pg_dump command. */
    public static final String DEFAULT_PG_DUMP = "pg_dump";
    /** The default pg_restore command. */
    public static final String DEFAULT_PG_RESTORE = "pg_restore";

    /** Checks the settings; throws {@link ConfigurationException} naming the setting at fault. */
    public BackupSettings {
        Objects.requireNonNull(folder, "folder");
        if (pgDump == null || pgDump.isBlank()) {
            throw new ConfigurationException("msr.backup.pg-dump is empty: give the pg_dump command or its path.");
        }
        if (pgRestore == null || pgRestore.isBlank()) {
            throw new ConfigurationException("msr.backup.pg-restore is empty: give the pg_restore command or its path.");
        }
        schemas = List.copyOf(Objects.requireNonNull(schemas, "schemas"));
        for (String schema : schemas) {
            if (!schema.matches("[A-Za-z_][A-Za-z0-9_$]{0,62}")) {
                throw new ConfigurationException("msr.backup.schemas names '" + schema
                        + "', which is not a plain SQL identifier (letters, digits and _, starting with a letter or _).");
            }
        }
    }

    /** Returns the defaults. */
    public static BackupSettings defaults() {
        return new BackupSettings(DEFAULT_FOLDER, false, DEFAULT_PG_DUMP, DEFAULT_PG_RESTORE, List.of());
    }

    /** Returns these settings with another folder. */
    public BackupSettings withFolder(Path value) {
        return new BackupSettings(value, keep, pgDump, pgRestore, schemas);
    }

    /** Returns these settings with another keep flag. */
    public BackupSettings withKeep(boolean value) {
        return new BackupSettings(folder, value, pgDump, pgRestore, schemas);
    }

    /** Returns these settings with other tool commands. */
    public BackupSettings withTools(String pgDumpCommand, String pgRestoreCommand) {
        return new BackupSettings(folder, keep, pgDumpCommand, pgRestoreCommand, schemas);
    }

    /** Returns these settings with other schemas (empty: the whole database). */
    public BackupSettings withSchemas(List<String> value) {
        return new BackupSettings(folder, keep, pgDump, pgRestore, value);
    }
}
