package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * msr.naming=flyway with msr.adopt-from=flyway against a schema built by real Flyway from files with dotted versions,
 * a repeatable view and a placeholder; then new files are added, as the next release would.
 */
@WithPostgres
class AdoptFlywayTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    AdoptFlywayTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void schemaBuiltByFlyway() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir)
                .write("V1__create_users.sql", "create table ${flyway:defaultSchema}.users (id int primary key);")
                .write("V1.1__add_email.sql", "alter table ${flyway:defaultSchema}.users add column email text;")
                .write("V2_0_1__create_orders.sql", "create table ${flyway:defaultSchema}.${prefix}orders"
                        + " (id int primary key);")
                .write("U2_0_1__create_orders.sql", "drop table ${flyway:defaultSchema}.${prefix}orders;")
                .write("R__user_view.sql", view(""));
        Flyway.configure().dataSource(db.dataSource()).schemas(schema).locations("filesystem:" + dir)
                .placeholders(Map.of("prefix", "app_")).load().migrate();
    }

    private static String view(String extra) {
        return "create or replace view ${flyway:defaultSchema}.user_view as select id, email" + extra
                + " from ${flyway:defaultSchema}.users;";
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.schema(schema).naming(MigrationNaming.FLYWAY).adoptFrom(AdoptFrom.FLYWAY)
                .placeholders(Map.of("prefix", "app_")).build());
    }

    private List<String> history() {
        return db.queryForStrings("select coalesce(version, 'R ' || description) || ' ' || operation || ' '"
                + " || installed_by from " + schema + ".msr_schema_history order by id");
    }

    private boolean msrTableExists() {
        return db.queryForObject("select to_regclass('" + schema + ".msr_schema_history') is not null", Boolean.class);
    }

    @Test
    void importsFlywaysHistoryThenAppliesOnlyTheNewMigrationsInVersionOrder() {
        folder.write("V2_1__create_invoices.sql", "create table ${flyway:defaultSchema}.invoices (id int primary key);")
                .write("V10__create_notes.sql", "create table ${flyway:defaultSchema}.notes (id int primary key);");
        long flywayRows = db.queryForObject("select count(*) from " + schema + ".flyway_schema_history", Long.class);

        InfoResult before = msr(folder.settings()).info();
        assertThat(before.pending()).extracting(info -> info.version().toString()).containsExactly("2.1", "10");
        assertThat(msrTableExists()).isFalse();

        OperationResult result = msr(folder.settings()).migrate();

        assertThat(result.executed()).extracting(migration -> migration.version().toString())
                .containsExactly("2.1", "10");
        assertThat(result.schemaVersionBefore()).isEqualTo(Version.parse("2.0.1"));
        assertThat(result.notes()).anyMatch(note -> note.startsWith("Adopted flyway's history"));
        assertThat(history()).containsExactly("1 IMPORTED postgres", "1.1 IMPORTED postgres",
                "2.0.1 IMPORTED postgres", "R user view IMPORTED postgres", "2.1 UP postgres", "10 UP postgres");
        assertThat(db.queryForObject("select count(*) from " + schema + ".flyway_schema_history", Long.class))
                .isEqualTo(flywayRows);
        InfoResult after = msr(folder.settings()).info();
        assertThat(after.pending()).isEmpty();
        assertThat(after.schemaVersion()).isEqualTo(Version.of(10));
        assertThat(msr(folder.settings()).migrate().executed()).isEmpty();
    }

    @Test
    void aFileEditedAfterAdoptionFailsValidation() {
        msr(folder.settings()).migrate();
        folder.write("V1.1__add_email.sql", "alter table ${flyway:defaultSchema}.users add column email varchar(200);");

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> msr(folder.settings()).validate());

        assertThat(error.issues()).extracting(Issue::code).containsExactly("CHECKSUM_MISMATCH");
        assertThat(error.getMessage()).contains("V1.1__add_email.sql");
    }

    @Test
    void aChangedRepeatableIsPendingAndAppliedAgainByTheFirstRun() {
        folder.write("R__user_view.sql", view(", 1 as v"));

        assertThat(msr(folder.settings()).info().pending()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.PENDING);
        OperationResult result = msr(folder.settings()).migrate();

        assertThat(result.executed()).extracting(ExecutedMigration::description).containsExactly("user view");
        assertThat(history()).last().isEqualTo("R user view UP postgres");
        folder.write("R__user_view.sql", view(", 2 as v"));
        assertThat(msr(folder.settings()).info().pending()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.OUTDATED);
    }

    @Test
    void refusesAFileThatDiffersFromWhatFlywayAppliedAndWritesNothing() {
        folder.write("V1.1__add_email.sql", "alter table ${flyway:defaultSchema}.users add column email varchar(100);");

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> msr(folder.settings()).migrate());

        assertThat(error.issues()).extracting(Issue::code).containsExactly("ADOPT_CHECKSUM_MISMATCH");
        assertThat(error.getMessage()).contains("V1.1__add_email.sql");
        assertThat(msrTableExists()).isFalse();
    }

    @Test
    void refusesAFailedRowAndAMissingFile() {
        db.execute("insert into " + schema + ".flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) values (10, '3', 'broken', 'SQL',"
                + " 'V3__broken.sql', 1, 'postgres', 5, false)");
        folder.delete("V1__create_users.sql");

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> msr(folder.settings()).migrate());

        assertThat(error.issues()).extracting(Issue::code).contains("ADOPT_FAILED_ROW", "ADOPT_MISSING_FILE");
        assertThat(msrTableExists()).isFalse();
    }

    @Test
    void aDryRunAdoptsNothingAndWritesNothing() {
        folder.write("V3__create_notes.sql", "create table ${flyway:defaultSchema}.notes (id int primary key);");

        OperationResult result = msr(folder.settings().dryRun(true)).migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.notes()).anyMatch(note -> note.startsWith("Dry run: would adopt flyway's history"));
        assertThat(msrTableExists()).isFalse();
        assertThat(db.queryForObject("select to_regclass('" + schema + ".notes') is null", Boolean.class)).isTrue();
    }

    @Test
    void undoFilesAreTheDownMigrations() {
        msr(folder.settings()).migrate();

        OperationResult down = msr(folder.settings()).down(Version.parse("1.1"));

        assertThat(down.executed()).extracting(migration -> migration.version().toString()).containsExactly("2.0.1");
        assertThat(db.queryForObject("select to_regclass('" + schema + ".app_orders') is null", Boolean.class))
                .isTrue();
    }
}
