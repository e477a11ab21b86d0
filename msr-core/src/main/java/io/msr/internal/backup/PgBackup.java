package io.msr.internal.backup;

import io.msr.BackupFailedException;
import io.msr.BackupSettings;
import io.msr.Redaction;
import io.msr.RestoreFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backs a PostgreSQL database up with {@code pg_dump -Fc} and restores it with
 * {@code pg_restore --clean --if-exists --single-transaction}, connecting with the migration database's URL and
 * credentials passed through the tools' environment. Files are named
 * {@code msr-<database>-<UTC timestamp>.dump} and appear complete or not at all (written under a temporary name,
 * then moved).
 */
public final class PgBackup {

    private static final Logger log = LoggerFactory.getLogger(PgBackup.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");

    private final BackupSettings settings;
    private final @Nullable ConnectionDetails details;
    private final ToolCommand pgDump;
    private final ToolCommand pgRestore;
    private final ObjectInventory inventory;

    /**
     * @param settings the folder, tools and schemas
     * @param details  the database's URL and credentials, or null when MSR was given only a DataSource (every
     *                 dump and restore then fails with a message saying how to give them)
     */
    public PgBackup(BackupSettings settings, @Nullable ConnectionDetails details) {
        this.settings = settings;
        this.details = details;
        this.pgDump = new ToolCommand("pg_dump", settings.pgDump());
        this.pgRestore = new ToolCommand("pg_restore", settings.pgRestore());
        this.inventory = new ObjectInventory(settings.schemas());
    }

    /**
     * Writes a backup of the database (or of the configured schemas) to a new file in the folder, creating the
     * folder when missing, and deletes unfinished files of interrupted backups of the same database. Call it
     * under the migration lock. Throws {@link BackupFailedException} naming the tool, folder or file at fault.
     */
    public BackupFile dump() {
        LibpqEnvironment.Target target = target(BackupFailedException::new);
        Path executable = pgDump.locate().orElseThrow(() -> new BackupFailedException(
                "Cannot back the database up: " + pgDump.missingMessage("msr.backup.pg-dump")));
        Path folder = BackupFolder.prepare(settings.folder());
        deleteStalePartials(folder, target.database());
        Path file = newFile(folder, target.database());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            // Owner-only before pg_dump writes a byte: it truncates the file and keeps its mode.
            BackupFolder.createPrivateFile(partial);
        } catch (IOException e) {
            throw new BackupFailedException("Cannot create the backup file " + partial + " (" + e + "). Set"
                    + " msr.backup.folder to a writable folder of your own.", e);
        }
        List<String> arguments = new ArrayList<>(List.of("--format=custom", "--no-password", "--file=" + partial));
        settings.schemas().forEach(schema -> arguments.add("--schema=" + schemaPattern(schema)));
        long start = System.nanoTime();
        ToolCommand.Outcome outcome = pgDump.run(executable, arguments, target.environment());
        if (!outcome.succeeded()) {
            deleteQuietly(partial);
            throw new BackupFailedException("pg_dump " + outcome.failure() + " backing up database '"
                    + target.database() + "' to " + file + ": " + redact(outcome.output()) + hint(outcome.output()));
        }
        try {
            String sha256 = DumpChecksum.of(partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            DumpChecksum.write(file, sha256);
            BackupFile backup = new BackupFile(file, Files.size(file), (System.nanoTime() - start) / 1_000_000,
                    sha256);
            log.info("Backed up database '{}' to {} ({}, SHA-256 {}) in {} ms", target.database(), file,
                    backup.size(), sha256, backup.durationMs());
            return backup;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new BackupFailedException("Could not finish the backup " + file + " and its checksum file: " + e,
                    e);
        }
    }

    /**
     * Returns a footprint that records what the run creates, for {@link #restore(BackupFile, Connection,
     * RunFootprint)} to drop only that.
     */
    public RunFootprint footprint() {
        return new RunFootprint(inventory);
    }

    /**
     * Brings the database (or the configured schemas) back to a backup file (the restore operation): checks the
     * file against its checksum file, drops, over {@code connection}, every object in scope that the archive does
     * not hold (created, or dropped and recreated, since the backup), then runs {@code pg_restore --clean
     * --if-exists} in one transaction. Throws {@link RestoreFailedException} naming the file and saying how to
     * restore it by hand; a missing or differing checksum throws it before anything is changed.
     */
    public Restored restore(Path file, Connection connection) {
        return restore(file, null, null, connection);
    }

    /**
     * Brings the database back to the backup a run took, after the run failed: checks the file against the
     * checksum recorded when it was taken, drops only the objects the archive does not hold that the run itself
     * created ({@code footprint}), keeping those other sessions created meanwhile, then restores as
     * {@link #restore(Path, Connection)} does. When dropping the run's objects would cascade to a kept one, refuses
     * before changing anything.
     */
    public Restored restore(BackupFile backup, Connection connection, RunFootprint footprint) {
        return restore(backup.path(), backup.sha256(), footprint, connection);
    }

    private Restored restore(Path file, @Nullable String recordedSha256, @Nullable RunFootprint footprint,
            Connection connection) {
        LibpqEnvironment.Target target = target(RestoreFailedException::new);
        if (!Files.isReadable(file)) {
            throw new RestoreFailedException("Cannot restore: the backup file " + file + " does not exist or cannot"
                    + " be read.");
        }
        String sha256 = DumpChecksum.verify(file, recordedSha256);
        Path executable = pgRestore.locate().orElseThrow(() -> new RestoreFailedException(
                "Cannot restore " + file + ": " + pgRestore.missingMessage("msr.backup.pg-restore")));
        Set<String> inArchive = ObjectInventory.identitiesInArchive(list(executable, file, target));
        ObjectInventory.Removal removal;
        try {
            removal = inventory.dropAbsentFrom(connection, inArchive, footprint == null ? null : footprint.written());
        } catch (SQLException e) {
            throw new RestoreFailedException("Could not drop the objects created since the backup before"
                    + " restoring " + file + ": " + redact(e.getMessage()) + manualRestore(file, target), e);
        }
        if (!removal.swept().isEmpty()) {
            throw new RestoreFailedException("Refusing to restore " + file + ": objects other sessions created"
                    + " during the run would not survive it: " + String.join(", ", removal.swept()) + ". A rollback"
                    + " by backup drops only what the run created, and pg_restore --clean cannot replace an object"
                    + " that such an object depends on. Nothing was changed by the restore: the run's migrations"
                    + " stay applied. Move or drop those objects first" + manualRestore(file, target));
        }
        if (!removal.dropped().isEmpty()) {
            log.info("Dropped {} object(s) the backup does not hold: {}", removal.dropped().size(), removal.dropped());
        }
        if (!removal.kept().isEmpty()) {
            log.info("Kept {} object(s) the backup does not hold, which other sessions created: {}",
                    removal.kept().size(), removal.kept());
        }
        List<String> arguments = new ArrayList<>(List.of("--clean", "--if-exists", "--single-transaction",
                "--exit-on-error", "--no-password", "--dbname=" + dbnameArgument(target.database())));
        // pg_restore compares schema names as they are: a quoted pattern would match nothing.
        settings.schemas().forEach(schema -> arguments.add("--schema=" + schema));
        arguments.add(file.toString());
        long start = System.nanoTime();
        ToolCommand.Outcome outcome = pgRestore.run(executable, arguments, target.environment());
        if (!outcome.succeeded()) {
            throw new RestoreFailedException("pg_restore " + outcome.failure() + " restoring " + file
                    + " into database '" + target.database() + "' (its single transaction rolled back): "
                    + redact(outcome.output()) + hint(outcome.output()) + manualRestore(file, target));
        }
        log.info("Restored database '{}' from {} in {} ms", target.database(), file,
                (System.nanoTime() - start) / 1_000_000);
        return new Restored(sha256, removal.dropped(), removal.kept());
    }

    /** Returns the table of contents of an archive ({@code pg_restore --list}), which needs no connection. */
    private String list(Path executable, Path file, LibpqEnvironment.Target target) {
        ToolCommand.Outcome outcome = pgRestore.run(executable, List.of("--list", file.toString()), Map.of());
        if (!outcome.succeeded()) {
            throw new RestoreFailedException("pg_restore could not read the backup file " + file + " ("
                    + outcome.failure() + "): " + redact(outcome.output()) + ". Is it a pg_dump -Fc archive?"
                    + manualRestore(file, target));
        }
        return outcome.output();
    }

    private LibpqEnvironment.Target target(java.util.function.Function<String, RuntimeException> error) {
        if (details == null) {
            throw error.apply("Backups run pg_dump and pg_restore, which need the database's JDBC URL and"
                    + " credentials, but MSR was given only a DataSource. Give them with"
                    + " Msr.Builder.connectionDetails(url, user, password); the Spring Boot starter does this"
                    + " from msr.datasource.* or spring.datasource.*.");
        }
        try {
            return LibpqEnvironment.of(details);
        } catch (IllegalArgumentException e) {
            throw error.apply("Cannot back up or restore: " + e.getMessage() + ".");
        }
    }

    /**
     * Deletes the unfinished files of earlier backups of this database, left by a process killed while pg_dump
     * ran. Only called under the migration lock, so no other runner is writing one.
     */
    private static void deleteStalePartials(Path folder, String database) {
        String prefix = "msr-" + safeName(database) + "-";
        try (var files = Files.list(folder)) {
            for (Path stale : files.filter(path -> path.getFileName().toString().startsWith(prefix)
                    && path.getFileName().toString().endsWith(".dump.partial")).toList()) {
                log.info("Deleting {}, the unfinished file of an interrupted backup", stale);
                deleteQuietly(stale);
            }
        } catch (IOException e) {
            log.debug("Could not list {}", folder, e);
        }
    }

    /**
     * Returns a schema name as a {@code pg_dump --schema} pattern that matches exactly that name: double-quoted, so
     * that pg_dump neither folds it to lower case nor reads {@code * ? .} as wildcards or a qualifier.
     * ({@code pg_restore --schema} takes the plain name: it compares names, not patterns.)
     */
    static String schemaPattern(String schema) {
        return "\"" + schema.replace("\"", "\"\"") + "\"";
    }

    /**
     * Returns a database name as the value of {@code --dbname}: the name itself, or, when libpq would read the name
     * as a connection string (it holds {@code =} or starts with a URI scheme), a connection string naming only the
     * database, so that the host, port and user still come from the environment.
     */
    static String dbnameArgument(String database) {
        if (!database.contains("=") && !database.startsWith("postgresql://") && !database.startsWith("postgres://")) {
            return database;
        }
        return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String safeName(String database) {
        return database.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static Path newFile(Path folder, String database) {
        String safe = safeName(database);
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        Path file = folder.resolve("msr-" + safe + "-" + stamp + ".dump");
        for (int i = 1; Files.exists(file); i++) {
            file = folder.resolve("msr-" + safe + "-" + stamp + "-" + i + ".dump");
        }
        return file;
    }

    private String redact(String text) {
        return Redaction.redact(text, details == null ? null : details.password());
    }

    private static String hint(String output) {
        if (output.contains("server version mismatch") || output.contains("unsupported version")) {
            return ". The PostgreSQL client tools must be of the server's major version or newer: install that"
                    + " client or point msr.backup.pg-dump and msr.backup.pg-restore at it.";
        }
        return "";
    }

    private String manualRestore(Path file, LibpqEnvironment.Target target) {
        return ". The backup is kept at " + file + "; restore it by hand with: pg_restore --clean --if-exists"
                + " --single-transaction " + shellWord("--dbname=" + dbnameArgument(target.database())) + " "
                + shellWord(file.toString());
    }

    /** Returns a word for a POSIX shell: as it is when it holds no special character, else single-quoted. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Could not delete {}", file, e);
        }
    }
}
