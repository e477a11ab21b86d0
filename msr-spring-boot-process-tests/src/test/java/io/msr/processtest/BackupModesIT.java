package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.PgClientTools;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups from the packaged jar as a Job runs them: {@code msr.mode=backup} and {@code msr.mode=restore}, and
 * {@code msr.rollback-strategy=backup} on a failing migrate, judged by exit code (0, 1, 2, 3, 5, 6), output and
 * database state. Each test backs up only its own schema ({@code msr.backup.schemas}).
 */
@WithPostgres
class BackupModesIT {

    @TempDir
    Path dir;

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    private final TestDatabase db;
    private String schema;

    BackupModesIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
    }

    private PackagedJar.Run run(String mode, String... extra) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=" + mode, "--msr.schema=" + schema, "--msr.backup.schemas=" + schema,
                "--msr.backup.folder=" + dir.resolve("backups"),
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--msr.summary-path=" + dir.resolve("summary.json")));
        args.addAll(List.of(extra));
        return APP.run(Map.of(), args);
    }

    private String[] tools(PgClientTools tools) {
        return new String[] {"--msr.backup.pg-dump=" + tools.pgDump(), "--msr.backup.pg-restore=" + tools.pgRestore()};
    }

    private List<String> tables() {
        return db.queryForStrings("select tablename from pg_tables where schemaname = '" + schema + "' order by 1");
    }

    private List<Path> backups() throws IOException {
        if (!Files.isDirectory(dir.resolve("backups"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            return files.toList();
        }
    }

    private List<Path> dumps() throws IOException {
        return backups().stream().filter(file -> file.toString().endsWith(".dump")).toList();
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void backupThenRestoreBringsTheDataBack() throws IOException {
        PgClientTools tools = PgClientTools.requireFor(db);
        assertThat(run("migrate").exitCode()).isZero();

        PackagedJar.Run backup = run("backup", tools(tools));

        assertThat(backup.exitCode()).as(backup.output()).isZero();
        Path file = dumps().get(0);
        Path checksum = file.resolveSibling(file.getFileName() + ".sha256");
        String sha256 = Files.readString(checksum).substring(0, 64);
        assertThat(backup.output()).contains("Backed up the database at schema version V2 to " + file)
                .contains("SHA-256 " + sha256);
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"operation\":\"BACKUP\"")
                .contains(file.toString()).contains("\"sha256\":\"" + sha256 + "\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        db.execute("delete from " + schema + ".greeting; create table " + schema + ".later (id int)");
        Path tampered = Files.copy(file, dir.resolve("tampered.dump"));
        Files.copy(checksum, dir.resolve("tampered.dump.sha256"));
        Files.write(tampered, "swapped".getBytes(), StandardOpenOption.APPEND);
        PackagedJar.Run refusedTampered = run("restore", concat(tools(tools), "--msr.backup.file=" + tampered,
                "--msr.force=true"));
        assertThat(refusedTampered.exitCode()).as(refusedTampered.output()).isEqualTo(6);
        assertThat(refusedTampered.output()).contains("Refusing to restore " + tampered)
                .contains("was changed or damaged since it was taken");
        assertThat(tables()).contains("later");
        PackagedJar.Run refused = run("restore", concat(tools(tools), "--msr.backup.file=" + file));
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("set msr.force=true");

        PackagedJar.Run restore = run("restore", concat(tools(tools), "--msr.backup.file=" + file, "--msr.force=true"));

        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("Restored the database from " + file + " after dropping what it does"
                + " not hold (TABLE " + schema + ".later)");
        assertThat(db.queryForStrings("select text from " + schema + ".greeting"))
                .containsExactly("hello from a Spring bean");
        assertThat(tables()).doesNotContain("later");
    }

    @Test
    void aGroupWritableBackupFolderIsRefusedWithExitTwo() throws IOException {
        PgClientTools tools = PgClientTools.requireFor(db);
        Path folder = Files.createDirectories(dir.resolve("backups"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxr-x"));

        PackagedJar.Run run = run("migrate", concat(tools(tools), "--msr.rollback-strategy=backup"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("The backup folder " + folder + " is writable by its group or by others")
                .contains("chmod 700 " + folder);
        assertThat(tables()).isEmpty();
        assertThat(backups()).isEmpty();
    }

    @Test
    void restoreWithoutAFileNamesTheProperty() {
        PackagedJar.Run run = run("restore", "--msr.force=true");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("msr.mode=restore needs msr.backup.file");
    }

    @Test
    void aFailedMigrateIsRestoredAndExitsThree() throws IOException {
        PgClientTools tools = PgClientTools.requireFor(db);
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(extra.resolve("V3_audit.up.sql"), "create table audit (id int);");
        Files.writeString(extra.resolve("V4_broken.up.sql"), "select * from no_such_table;");

        PackagedJar.Run run = run("migrate", concat(tools(tools), "--msr.rollback-strategy=backup",
                "--msr.locations=classpath:db/msr,filesystem:" + extra));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("V4 (V4_broken.up.sql, line 1)").contains("Restored the database from the"
                + " backup");
        assertThat(tables()).isEmpty();
        assertThat(backups()).isEmpty();
    }

    @Test
    void aMissingPgDumpExitsFiveBeforeAnyMigration() {
        PackagedJar.Run run = run("migrate", "--msr.rollback-strategy=backup",
                "--msr.backup.pg-dump=/nonexistent/pg_dump");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(5);
        assertThat(run.output()).contains("There is no executable file at /nonexistent/pg_dump")
                .contains("msr.backup.pg-dump");
        assertThat(tables()).isEmpty();
    }

    @Test
    void aFailingRestoreExitsSixAndKeepsTheBackup() throws IOException {
        PgClientTools tools = PgClientTools.requireFor(db);
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(extra.resolve("V3_broken.up.sql"), "select * from no_such_table;");

        PackagedJar.Run run = run("migrate", "--msr.rollback-strategy=backup",
                "--msr.backup.pg-dump=" + tools.pgDump(), "--msr.backup.pg-restore=/bin/false",
                "--msr.locations=classpath:db/msr,filesystem:" + extra);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(6);
        Path kept = dumps().get(0);
        assertThat(run.output()).contains("pg_restore could not read the backup file " + kept)
                .contains("The backup is kept at " + kept);
    }
}
