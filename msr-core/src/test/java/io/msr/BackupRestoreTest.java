package io.msr;

import io.msr.test.PgClientTools;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Backups with pg_dump and restores with pg_restore on a real PostgreSQL: the {@code backup} and {@code both}
 * rollback strategies on a failure in the third of five migrations, the backup and restore operations with data,
 * and every way a backup or restore can fail. Each test has a database of its own, since restores are
 * database-wide.
 */
class BackupRestoreTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private PgClientTools tools;
    private MigrationFolder folder;
    private Path backups;

    @BeforeEach
    void fiveMigrationsOverExistingDataTheThirdBroken() {
        db = PostgresServer.shared().createDatabase();
        tools = PgClientTools.requireFor(db);
        backups = dir.resolve("backups/nested");
        folder = new MigrationFolder(dir.resolve("migrations"));
        db.execute("create table customer (id int primary key, name text); insert into customer values (1, 'Ada'),"
                + " (2, 'Grace')");
        folder.write("V1_add_email.up.sql", "alter table customer add column email text;");
        folder.write("V1_add_email.down.sql", "alter table customer drop column email;");
        folder.write("V2_orders.up.sql", "create table orders (id int, customer int); insert into orders values"
                + " (1, 1); update customer set name = 'Ada L.' where id = 1;");
        folder.write("V2_orders.down.sql", "drop table orders;");
        folder.write("V3_broken.up.sql", "create table audit (id int);\nselect * from nowhere;");
        folder.write("V3_broken.down.sql", "drop table audit;");
        folder.write("V4_t4.up.sql", "create table t4 (id int);");
        folder.write("V5_t5.up.sql", "create table t5 (id int);");
        // The customer table existed before MSR: its history starts with a baseline, as the first migrate demands.
        msr(folder.settings()).baseline(Version.of(0));
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private MsrSettings.Builder settings(RollbackStrategy strategy) {
        return folder.settings().rollbackStrategy(strategy).backup(BackupSettings.defaults().withFolder(backups)
                .withTools(tools.pgDump().toString(), tools.pgRestore().toString()));
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.build());
    }

    private List<String> tables() {
        return db.queryForStrings("select tablename from pg_tables where schemaname = 'public' order by 1");
    }

    private List<String> customers() {
        return db.queryForStrings("select id || ' ' || name from customer order by id");
    }

    private List<Path> dumpFiles() throws IOException {
        return backupFiles().stream().filter(file -> file.toString().endsWith(".dump")).toList();
    }

    private List<Path> backupFiles() throws IOException {
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups)) {
            return files.toList();
        }
    }

    @Test
    void backupStrategyRestoresSchemaDataAndHistoryAfterAFailureInTheThirdOfFive() throws IOException {
        String before = tools.schemaOnlyDump(db);

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP)).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.version()).contains(Version.of(3L));
        assertThat(tables()).containsExactly("customer", "msr_schema_history");
        assertThat(customers()).containsExactly("1 Ada", "2 Grace");
        assertThat(tools.schemaOnlyDump(db)).isEqualTo(before);
        OperationResult result = error.result().orElseThrow();
        assertThat(result.executed()).extracting(e -> e.version() + " " + e.outcome())
                .containsExactly("1 ROLLED_BACK", "2 ROLLED_BACK", "3 FAILED");
        assertThat(result.schemaVersionAfter()).isEqualTo(Version.of(0));
        assertThat(String.join("\n", result.notes())).contains("Backed up the database to " + backups)
                .contains("Restored the database from the backup")
                .contains("after dropping what the run had created (TABLE public.orders)")
                .contains("Deleted the backup");
        assertThat(backupFiles()).isEmpty();

        folder.write("V3_broken.up.sql", "create table audit (id int);");
        OperationResult rerun = msr(settings(RollbackStrategy.BACKUP)).migrate();
        assertThat(rerun.succeeded()).hasSize(5);
        assertThat(customers()).containsExactly("1 Ada L.", "2 Grace");
    }

    @Test
    void backupStrategyRestoresWhatANonTransactionalMigrationDidPartWay() {
        folder.write("V3_broken.up.sql", "-- msr:transaction=false\ncreate table audit (id int);\n"
                + "insert into customer values (3, 'Half');\nselect * from nowhere;");

        catchThrowableOfType(MigrationFailedException.class, () -> msr(settings(RollbackStrategy.BACKUP)).migrate());

        assertThat(tables()).containsExactly("customer", "msr_schema_history");
        assertThat(customers()).containsExactly("1 Ada", "2 Grace");
    }

    @Test
    void keepKeepsTheBackupFileWhichIsACompleteCustomFormatDump() throws IOException {
        OperationResult result = msr(settings(RollbackStrategy.BACKUP).backup(settings(
                RollbackStrategy.BACKUP).build().backup().withKeep(true))).migrate(2);

        assertThat(result.succeeded()).hasSize(2);
        List<Path> files = dumpFiles();
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).matches("msr-" + db.name() + "-\\d{8}T\\d{9}Z\\.dump");
            assertThat(Files.readAllBytes(file)).startsWith("PGDMP".getBytes());
        });
        assertThat(backupFiles()).hasSize(2).contains(files.get(0).resolveSibling(files.get(0).getFileName()
                + ".sha256"));
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("Kept the backup " + files.get(0)));
    }

    @Test
    void nothingIsRestoredWhenTheFailedBatchRolledBackOnItsOwn() throws IOException {
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP).transactionMode(TransactionMode.PER_BATCH)).migrate());

        assertThat(error.result().orElseThrow().notes()).anySatisfy(note -> assertThat(note)
                .startsWith("Nothing to restore"));
        assertThat(tables()).containsExactly("customer", "msr_schema_history");
        assertThat(backupFiles()).isEmpty();
    }

    @Test
    void bothRevertsWithDownMigrationsWhenTheyAllExistAndThenDiscardsTheBackup() throws IOException {
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(settings(RollbackStrategy.BOTH)).migrate());

        OperationResult result = error.result().orElseThrow();
        assertThat(result.executed()).extracting(e -> e.direction() + " " + e.version() + " " + e.outcome())
                .containsExactly("UP 1 SUCCEEDED", "UP 2 SUCCEEDED", "UP 3 FAILED", "DOWN 2 SUCCEEDED",
                        "DOWN 1 SUCCEEDED");
        assertThat(result.notes()).noneSatisfy(note -> assertThat(note).contains("Restored"));
        assertThat(tables()).containsExactly("customer", "msr_schema_history");
        assertThat(backupFiles()).isEmpty();
    }

    @Test
    void bothRestoresTheBackupWhenTheDownRollbackStops() {
        folder.delete("V1_add_email.down.sql");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(settings(RollbackStrategy.BOTH)).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(String.join("\n", error.result().orElseThrow().notes()))
                .contains("The down rollback stopped, so the backup is restored instead")
                .contains("the rollback stopped because V1 (V1_add_email.up.sql) has no down migration")
                .contains("Restored the database from the backup");
        assertThat(tables()).containsExactly("customer", "msr_schema_history");
        assertThat(customers()).containsExactly("1 Ada", "2 Grace");
        assertThat(db.queryForObject("select count(*) from information_schema.columns where table_name = 'customer'"
                + " and column_name = 'email'", Long.class)).isZero();
    }

    @Test
    void aMissingPgDumpStopsTheRunWithExitFiveBeforeAnyMigration() {
        BackupFailedException error = catchThrowableOfType(BackupFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP).backup(BackupSettings.defaults().withFolder(backups)
                        .withTools("pg_dump_not_installed", "pg_restore"))).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.BACKUP_FAILED);
        assertThat(error.getMessage()).contains("'pg_dump_not_installed' (pg_dump) was not found on PATH")
                .contains("msr.backup.pg-dump");
        assertThat(tables()).containsExactly("customer", "msr_schema_history");
        assertThat(error.result().orElseThrow().executed()).isEmpty();
    }

    @Test
    void aBackupFolderThatCannotBeCreatedIsExitFive() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        BackupFailedException error = catchThrowableOfType(BackupFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP).backup(settings(RollbackStrategy.BACKUP).build().backup()
                        .withFolder(file.resolve("backups")))).migrate());

        assertThat(error.getMessage()).contains("Cannot create the backup folder " + file.resolve("backups"))
                .contains("msr.backup.folder");
        assertThat(tables()).containsExactly("customer", "msr_schema_history");
    }

    @Test
    void aFailingRestoreIsExitSixKeepsTheFileAndSaysHowToRestoreByHand() throws IOException {
        Path failing = script("fake-pg-restore", "if [ \"$1\" = --list ]; then exec " + tools.pgRestore()
                + " \"$@\"; fi; echo 'pg_restore: error: could not connect' >&2; exit 1");
        RestoreFailedException error = catchThrowableOfType(RestoreFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP).backup(settings(RollbackStrategy.BACKUP).build().backup()
                        .withTools(tools.pgDump().toString(), failing.toString()))).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.RESTORE_FAILED);
        Path kept = dumpFiles().get(0);
        assertThat(error.getMessage()).contains("Migration V3").contains("pg_restore failed with exit code 1")
                .contains("could not connect").contains("The backup is kept at " + kept)
                .contains("pg_restore --clean --if-exists --single-transaction --dbname=" + db.name() + " " + kept);
        assertThat(error.getSuppressed()).hasAtLeastOneElementOfType(MigrationFailedException.class);
    }

    @Test
    void thePasswordReachesTheToolsThroughTheirEnvironmentNeverTheirCommandLine() throws IOException {
        Path seen = dir.resolve("seen.txt");
        Path spy = script("spy-pg-dump", "echo \"args: $*\" >> " + seen + "; echo \"env: $PGPASSWORD $PGUSER"
                + " $PGDATABASE\" >> " + seen + "; exec " + tools.pgDump() + " \"$@\"");
        Msr msr = Msr.builder().url(db.jdbcUrl(), db.username(), "s3cret-Pa55")
                .settings(settings(RollbackStrategy.BACKUP).backup(BackupSettings.defaults().withFolder(backups)
                        .withTools(spy.toString(), tools.pgRestore().toString())).build())
                .build();

        OperationResult result = msr.backup();

        String lines = Files.readString(seen);
        assertThat(lines).contains("env: s3cret-Pa55 " + db.username() + " " + db.name());
        assertThat(lines.lines().filter(line -> line.startsWith("args:")).toList()).singleElement().asString()
                .doesNotContain("s3cret").contains("--format=custom");
        assertThat(result.toJson()).doesNotContain("s3cret");
    }

    @Test
    void backupAndRestoreOperationsRoundTripData() throws IOException {
        msr(settings(RollbackStrategy.NONE)).migrate(2);
        OperationResult backup = msr(settings(RollbackStrategy.NONE)).backup();
        assertThat(backup.operation()).isEqualTo(Operation.BACKUP);
        assertThat(backup.schemaVersionBefore()).isEqualTo(Version.of(2L));
        Path file = dumpFiles().get(0);
        assertThat(backup.notes()).singleElement().asString().contains("at schema version V2 to " + file);

        db.execute("delete from customer where id = 2; update customer set email = 'x'");
        msr(settings(RollbackStrategy.NONE)).down(1);
        db.execute("create schema later; create table later.t (id int); create view customer_names as select name"
                + " from customer; create function shout(t text) returns text language sql as 'select upper(t)';"
                + " create type mood as enum ('ok'); create sequence counter");

        ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                () -> msr(settings(RollbackStrategy.NONE)).restore(file));
        assertThat(refused.getMessage()).contains("msr.force=true");

        OperationResult restore = msr(settings(RollbackStrategy.NONE).force(true)).restore(file);

        assertThat(restore.operation()).isEqualTo(Operation.RESTORE);
        assertThat(restore.schemaVersionBefore()).isEqualTo(Version.of(1L));
        assertThat(restore.schemaVersionAfter()).isEqualTo(Version.of(2L));
        assertThat(restore.notes()).singleElement().asString().contains("after dropping what it does not hold")
                .contains("SCHEMA later").contains("VIEW public.customer_names").contains("FUNCTION public.shout(t text)")
                .contains("TYPE public.mood").contains("SEQUENCE public.counter");
        assertThat(db.queryForObject("select count(*) from pg_namespace where nspname in ('later', 'public')",
                Long.class)).isEqualTo(1);
        assertThat(tables()).containsExactly("customer", "msr_schema_history", "msr_schema_history_fingerprint", "orders");
        assertThat(customers()).containsExactly("1 Ada L.", "2 Grace");
        assertThat(db.queryForStrings("select id || ' ' || customer from orders")).containsExactly("1 1");
        assertThat(db.queryForStrings("select version || ' ' || operation from msr_schema_history order by id"))
                .containsExactly("0 BASELINE", "1 UP", "2 UP");
    }

    @Test
    void restoringAFileThatDoesNotExistIsExitSix() {
        RestoreFailedException error = catchThrowableOfType(RestoreFailedException.class,
                () -> msr(settings(RollbackStrategy.NONE).force(true)).restore(dir.resolve("nope.dump")));
        assertThat(error.exitCode()).isEqualTo(ExitCode.RESTORE_FAILED);
        assertThat(error.getMessage()).contains("the backup file " + dir.resolve("nope.dump") + " does not exist");
    }

    @Test
    void aDataSourceWithoutConnectionDetailsCannotBeBackedUp() {
        Msr msr = Msr.builder().dataSource(db.dataSource()).settings(settings(RollbackStrategy.BACKUP).build()).build();
        BackupFailedException error = catchThrowableOfType(BackupFailedException.class, msr::migrate);
        assertThat(error.getMessage()).contains("Msr.Builder.connectionDetails");
        assertThat(tables()).containsExactly("customer", "msr_schema_history");
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
