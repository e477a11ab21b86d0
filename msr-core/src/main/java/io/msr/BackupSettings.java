package io.msr;

import java.nio.charset.StandardCharsets;
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
 * @param folder    where backup files are written; default {@code <java.io.tmpdir>/msr-backups-<user name>}, the
 *                  temporary directory being the one place a container with a read-only file system and an
 *                  unwritable home still lets a process write (a backup that must outlive the process belongs on a
 *                  persistent volume). Kept private to the user MSR runs as: created {@code 0700} when missing,
 *                  refused (exit code 2) when it exists but belongs to another user or is writable by group or
 *                  others; dumps are written {@code 0600}, each with its SHA-256 in {@code <dump>.sha256}
 * @param keep      keep the backup of a migrate run that succeeded, or whose restore succeeded (a backup whose
 *                  restore failed, or one taken by the backup operation, is always kept)
 * @param pgDump    the {@code pg_dump} command: a name looked up on {@code PATH} or a path
 * @param pgRestore the {@code pg_restore} command: a name looked up on {@code PATH} or a path
 * @param schemas   the schemas backed up and restored, each by its exact name as PostgreSQL stores it (case
 *                  matters: {@code TenantA} is the schema created as {@code "TenantA"}, not {@code tenanta}; spaces
 *                  and quotes are fine); empty (default) means the whole database
 */
public record BackupSettings(Path folder, boolean keep, String pgDump, String pgRestore, List<String> schemas) {

    /**
     * The default folder: {@code msr-backups-<user name>} in the temporary directory, one per user, so that two users
     * of a machine never share, or fight over, one folder.
     */
    public static final Path DEFAULT_FOLDER = Path.of(System.getProperty("java.io.tmpdir"),
            "msr-backups-" + String.valueOf(System.getProperty("user.name")).replaceAll("[^A-Za-z0-9._-]", "_"));
    /** The default pg_dump command. */
    public static final String DEFAULT_PG_DUMP = "pg_dump";
    /** The default pg_restore command. */
    public static final String DEFAULT_PG_RESTORE = "pg_restore";
    /** PostgreSQL's NAMEDATALEN less its terminating zero byte. */
    private static final int MAX_NAME_BYTES = 63;

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
            checkSchemaName(schema);
        }
    }

    // Any name PostgreSQL accepts when quoted is fine: the tools and the restore's SQL quote every name.
    private static void checkSchemaName(String schema) {
        if (schema == null || schema.isBlank()) {
            throw new ConfigurationException("msr.backup.schemas holds an empty name; list schemas by their exact"
                    + " names, such as app.");
        }
        if (schema.indexOf('\0') >= 0) {
            throw new ConfigurationException("msr.backup.schemas names '" + schema.replace('\0', '?') + "', which"
                    + " holds a NUL character, which PostgreSQL names cannot hold.");
        }
        int bytes = schema.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new ConfigurationException("msr.backup.schemas names '" + schema + "', which is " + bytes
                    + " bytes long: PostgreSQL names hold at most " + MAX_NAME_BYTES + " bytes (in UTF-8).");
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
