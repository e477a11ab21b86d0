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
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What a demanding user expects of backups on a real PostgreSQL: the folder and dumps private to the user MSR runs
 * as, a folder others could write to refused before anything runs, every dump's SHA-256 recorded and checked before
 * any restore, and a rollback by backup that drops only what the run itself created.
 */
class BackupSafetyTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private PgClientTools tools;
    private MigrationFolder folder;
    private Path backups;

    @BeforeEach
    void database() {
        db = PostgresServer.shared().createDatabase();
        tools = PgClientTools.requireFor(db);
        backups = dir.resolve("private/backups");
        folder = new MigrationFolder(dir.resolve("migrations"));
        db.execute("create table customer (id int primary key, name text); insert into customer values (1, 'Ada')");
        folder.write("V1_run_a.up.sql", "create table run_a (id int);");
        msr(settings(RollbackStrategy.NONE)).baseline(Version.of(0));
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private MsrSettings.Builder settings(RollbackStrategy strategy) {
        return folder.settings().rollbackStrategy(strategy).force(true).backup(BackupSettings.defaults()
                .withFolder(backups).withTools(tools.pgDump().toString(), tools.pgRestore().toString()));
    }

    private Msr msr(MsrSettings.Builder settings, JavaMigration... java) {
        return folder.msr(db, settings.build(), java);
    }

    private List<String> tables() {
        return db.queryForStrings("select tablename from pg_tables where schemaname = 'public' order by 1");
    }

    private Path onlyDump() throws IOException {
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(file -> file.toString().endsWith(".dump")).findFirst().orElseThrow();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theDefaultFolderIsPerUserUnderTheTemporaryDirectory() {
        assertThat(BackupSettings.DEFAULT_FOLDER).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"),
                "msr-backups-" + System.getProperty("user.name")));
    }

    @Test
    void aNewFolderIsOwnerOnlyAndEachDumpAndItsChecksumAreOwnerOnly() throws Exception {
        OperationResult result = msr(settings(RollbackStrategy.NONE)).backup();

        Path dump = onlyDump();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backups))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump))).isEqualTo("rw-------");
        Path checksum = dump.resolveSibling(dump.getFileName() + ".sha256");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(checksum))).isEqualTo("rw-------");
        assertThat(Files.readString(checksum)).isEqualTo(sha256(dump) + "  " + dump.getFileName() + "\n");
        assertThat(String.join("\n", result.notes())).contains("SHA-256 " + sha256(dump));
    }

    @Test
    void aGroupWritableFolderIsRefusedBeforeAnythingRuns() throws IOException {
        Files.createDirectories(backups);
        Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwxrwxr-x"));

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> msr(settings(RollbackStrategy.BACKUP)).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(error.getMessage()).contains("The backup folder " + backups).contains("rwxrwxr-x")
                .contains("chmod 700 " + backups);
        assertThat(tables()).containsExactly("customer", "msr_schema_history");
        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFolderOwnedByAnotherUserIsRefused() throws IOException {
        assumeThat(System.getProperty("user.name")).as("only root can give a folder away").isEqualTo("root");
        Files.createDirectories(backups);
        Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwx------"));
        UserPrincipal nobody = backups.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(backups, nobody);

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> msr(settings(RollbackStrategy.NONE)).backup());

        assertThat(error.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(error.getMessage()).contains("The backup folder " + backups + " belongs to nobody")
                .contains("chown root " + backups);
    }

    @Test
    void aRestoreChecksTheChecksumAndATamperedDumpIsRefusedWithTheDatabaseUnchanged() throws Exception {
        msr(settings(RollbackStrategy.NONE)).backup();
        Path dump = onlyDump();
        db.execute("create table later (id int); update customer set name = 'changed'");
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(dump, bytes, StandardOpenOption.TRUNCATE_EXISTING);

        RestoreFailedException error = catchThrowableOfType(RestoreFailedException.class,
                () -> msr(settings(RollbackStrategy.NONE)).restore(dump));

        assertThat(error.exitCode()).isEqualTo(ExitCode.RESTORE_FAILED);
        assertThat(error.getMessage()).contains("Refusing to restore " + dump).contains("SHA-256")
                .contains("Nothing was changed");
        assertThat(tables()).containsExactly("customer", "later", "msr_schema_history");
        assertThat(db.queryForStrings("select name from customer")).containsExactly("changed");
    }

    @Test
    void aDumpWithoutAChecksumFileIsRefusedUntilOneIsRecorded() throws Exception {
        msr(settings(RollbackStrategy.NONE)).backup();
        Path dump = onlyDump();
        Path checksum = dump.resolveSibling(dump.getFileName() + ".sha256");
        String recorded = Files.readString(checksum);
        Files.delete(checksum);
        db.execute("create table later (id int)");

        RestoreFailedException error = catchThrowableOfType(RestoreFailedException.class,
                () -> msr(settings(RollbackStrategy.NONE)).restore(dump));

        assertThat(error.exitCode()).isEqualTo(ExitCode.RESTORE_FAILED);
        assertThat(error.getMessage()).contains("has no checksum file " + checksum)
                .contains("sha256sum " + dump + " > " + checksum);
        assertThat(tables()).contains("later");

        Files.writeString(checksum, recorded);
        OperationResult restored = msr(settings(RollbackStrategy.NONE)).restore(dump);
        assertThat(restored.success()).isTrue();
        assertThat(tables()).doesNotContain("later");
    }

    /** Creates a table from another session while the run's own transaction is open. */
    static final class V2AnotherSessionCreatesATable implements JavaMigration {
        private final TestDatabase db;

        V2AnotherSessionCreatesATable(TestDatabase db) {
            this.db = db;
        }

        @Override
        public Version version() {
            return Version.of(2);
        }

        @Override
        public String description() {
            return "another session creates a table";
        }

        @Override
        public void up(MigrationContext context) throws Exception {
            try (var statement = context.connection().createStatement()) {
                statement.execute("create table run_b (id int)");
            }
            db.execute("create table other_during_run (id int); create schema other_schema;"
                    + " create table other_schema.t (id int)");
            try (var statement = context.connection().createStatement()) {
                // A subtransaction of the run's transaction: the view's catalog row carries the subtransaction's id.
                statement.execute("do $$ begin create view run_c as select 1 as one; exception when others then"
                        + " null; end $$");
            }
        }
    }

    @Test
    void aRollbackByBackupDropsWhatTheRunCreatedAndKeepsWhatOtherSessionsCreated() {
        folder.write("V3_broken.up.sql", "create table run_d (id int);\nselect * from nowhere;");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP), new V2AnotherSessionCreatesATable(db)).migrate());

        assertThat(error.version()).as(error.getMessage()).contains(Version.of(3));
        assertThat(tables()).containsExactly("customer", "msr_schema_history", "other_during_run");
        assertThat(db.queryForStrings("select table_schema || '.' || table_name from information_schema.tables"
                + " where table_schema = 'other_schema'")).containsExactly("other_schema.t");
        assertThat(db.queryForStrings("select viewname from pg_views where schemaname = 'public'")).isEmpty();
        OperationResult result = error.result().orElseThrow();
        assertThat(String.join("\n", result.notes()))
                .contains("dropping what the run had created (TABLE public.run_a, TABLE public.run_b, VIEW public.run_c)")
                .contains("kept what other sessions created during the run (SCHEMA other_schema,"
                        + " TABLE other_schema.t, TABLE public.other_during_run)");
        assertThat(result.toJson()).contains("\"dropped\":[\"TABLE public.run_a\",\"TABLE public.run_b\","
                + "\"VIEW public.run_c\"]").contains("\"kept\":[\"SCHEMA other_schema\",\"TABLE other_schema.t\","
                + "\"TABLE public.other_during_run\"]");
    }

    /** Runs a piece of test code as migration V2, on the run's transaction. */
    private static JavaMigration v2(SqlWork work) {
        return new JavaMigration() {
            @Override
            public Version version() {
                return Version.of(2);
            }

            @Override
            public String description() {
                return "test step";
            }

            @Override
            public void up(MigrationContext context) throws Exception {
                work.run(context.connection());
            }
        };
    }

    @FunctionalInterface
    interface SqlWork {
        void run(java.sql.Connection connection) throws Exception;
    }

    @Test
    void aRollbackRefusesToDropTheRunsSchemaWhenAnotherSessionPutATableInIt() {
        JavaMigration v2 = v2(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("create schema run_schema; create table run_schema.run_t (id int)");
            }
        });
        JavaMigration v3 = new JavaMigration() {
            @Override
            public Version version() {
                return Version.of(3);
            }

            @Override
            public String description() {
                return "another session uses the run's schema";
            }

            @Override
            public void up(MigrationContext context) {
                db.execute("create table run_schema.others (id int)");
                throw new IllegalStateException("the run fails after another session used its schema");
            }
        };

        RestoreFailedException error = catchThrowableOfType(RestoreFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP), v2, v3).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.RESTORE_FAILED);
        assertThat(error.getMessage()).contains("would not survive it: TABLE run_schema.others (would go with what the run created)")
                .contains("Nothing was changed by the restore");
        assertThat(db.queryForStrings("select tablename from pg_tables where schemaname = 'run_schema' order by 1"))
                .containsExactly("others", "run_t");
        assertThat(tables()).contains("run_a");
    }

    @Test
    void aDumpChangedDuringTheRunIsNotRestored() {
        folder.write("V3_broken.up.sql", "select * from nowhere;");
        JavaMigration v2 = v2(connection -> {
            try (Stream<Path> files = Files.list(backups)) {
                Path dump = files.filter(file -> file.toString().endsWith(".dump")).findFirst().orElseThrow();
                Files.write(dump, "swapped".getBytes(), StandardOpenOption.APPEND);
            }
        });

        RestoreFailedException error = catchThrowableOfType(RestoreFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP), v2).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.RESTORE_FAILED);
        assertThat(error.getMessage()).contains("restoring the backup failed: Refusing to restore")
                .contains("was changed or damaged since it was taken");
        assertThat(tables()).containsExactly("customer", "msr_schema_history", "run_a");
    }

    @Test
    void aRollbackRefusesWhenWhatAnotherSessionCreatedDependsOnWhatTheBackupHolds() {
        db.execute("create schema app; create table app.existing (id int)");
        folder.write("V3_broken.up.sql", "select * from nowhere;");
        JavaMigration v2 = v2(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("create table app.run_t (id int)");
            }
            db.execute("create table app.others (id int); create view public.others_view as select * from customer");
        });

        RestoreFailedException error = catchThrowableOfType(RestoreFailedException.class,
                () -> msr(settings(RollbackStrategy.BACKUP), v2).migrate());

        assertThat(error.getMessage()).contains("would not survive it: TABLE app.others (depends on SCHEMA app),"
                + " VIEW public.others_view (depends on TABLE public.customer)")
                .contains("Nothing was changed by the restore");
        assertThat(db.queryForStrings("select tablename from pg_tables where schemaname = 'app' order by 1"))
                .containsExactly("existing", "others", "run_t");
        assertThat(tables()).contains("run_a");
    }
}
