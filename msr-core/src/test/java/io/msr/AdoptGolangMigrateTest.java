package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * msr.adopt-from=golang-migrate against a schema left by golang-migrate at version 2 (of 3 local migrations), built
 * here by plain SQL as golang-migrate would leave it.
 */
@WithPostgres
class AdoptGolangMigrateTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    AdoptGolangMigrateTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void schemaLeftByGolangMigrate() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir)
                .write("000001_users.up.sql", "create table " + schema + ".users (id int primary key);")
                .write("000001_users.down.sql", "drop table " + schema + ".users;")
                .write("000002_notes.up.sql", "create table " + schema + ".notes (id int primary key);")
                .write("000003_users_email.up.sql", "alter table " + schema + ".users add column email text;");
        db.execute("create table " + schema + ".users (id int primary key)");
        db.execute("create table " + schema + ".notes (id int primary key)");
        db.execute("create table " + schema + ".schema_migrations (version bigint not null primary key,"
                + " dirty boolean not null)");
        db.execute("insert into " + schema + ".schema_migrations values (2, false)");
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.schema(schema).naming(MigrationNaming.GOLANG_MIGRATE)
                .adoptFrom(AdoptFrom.GOLANG_MIGRATE).build());
    }

    private List<String> history() {
        return db.queryForStrings("select version || ' ' || operation from " + schema + ".msr_schema_history"
                + " order by id");
    }

    private boolean msrTableExists() {
        return db.queryForObject("select to_regclass('" + schema + ".msr_schema_history') is not null", Boolean.class);
    }

    private String golangMigrateRow() {
        return db.queryForStrings("select version || ' ' || dirty from " + schema + ".schema_migrations").toString();
    }

    @Test
    void adoptsTheRecordedVersionAndAppliesWhatIsNewer() {
        OperationResult result = msr(folder.settings()).migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.schemaVersionBefore()).isEqualTo(Version.of(2L));
        assertThat(result.schemaVersionAfter()).isEqualTo(Version.of(3L));
        assertThat(result.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(3L));
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("Adopted golang-migrate's history"));
        assertThat(history()).containsExactly("1 IMPORTED", "2 IMPORTED", "3 UP");
        assertThat(db.queryForStrings("select column_name from information_schema.columns where table_schema = '"
                + schema + "' and table_name = 'users' order by 1")).containsExactly("email", "id");
        assertThat(golangMigrateRow()).isEqualTo("[2 false]");
        assertThat(msr(folder.settings()).info().pending()).isEmpty();
    }

    @Test
    void infoBeforeAdoptionReadsGolangMigratesHistoryAndWritesNothing() {
        InfoResult info = msr(folder.settings()).info();

        assertThat(info.schemaVersion()).isEqualTo(Version.of(2L));
        assertThat(info.pending()).extracting(MigrationInfo::version).containsExactly(Version.of(3L));
        assertThat(info.historyExists()).isFalse();
        assertThat(msr(folder.settings()).validate().success()).isTrue();
        assertThat(msrTableExists()).isFalse();
    }

    @Test
    void refusesADirtyVersionNamingItAndWhatToDo() {
        db.execute("update " + schema + ".schema_migrations set dirty = true");

        MsrException failure = catchThrowableOfType(MsrException.class, () -> msr(folder.settings()).migrate());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(failure.getMessage()).contains("marks version 2 dirty").contains("migrate force 2")
                .contains("set dirty = false");
        assertThat(msrTableExists()).isFalse();
        assertThat(msr(folder.settings()).info().issues()).anySatisfy(issue ->
                assertThat(issue.code()).isEqualTo("ADOPT_DIRTY"));
    }

    @Test
    void refusesARecordedVersionWithNoLocalFile() {
        db.execute("update " + schema + ".schema_migrations set version = 7");

        MsrException failure = catchThrowableOfType(MsrException.class, () -> msr(folder.settings()).migrate());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(failure.getMessage()).contains("records version 7, but no local migration has that version");
        assertThat(msrTableExists()).isFalse();
    }

    @Test
    void dryRunAdoptsAndAppliesNothing() {
        OperationResult result = msr(folder.settings().dryRun(true)).migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("Dry run: would adopt"));
        assertThat(msrTableExists()).isFalse();
        assertThat(db.queryForStrings("select column_name from information_schema.columns where table_schema = '"
                + schema + "' and table_name = 'users'")).containsExactly("id");
        assertThat(golangMigrateRow()).isEqualTo("[2 false]");
    }

    @Test
    void adoptsOnlyOnceWhenMsrsHistoryExists() {
        msr(folder.settings()).migrate();
        db.execute("update " + schema + ".schema_migrations set dirty = true");

        assertThat(msr(folder.settings()).migrate().success()).isTrue();
        assertThat(history()).containsExactly("1 IMPORTED", "2 IMPORTED", "3 UP");
    }
}
