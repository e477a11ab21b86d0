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
import static org.assertj.core.api.Assertions.tuple;

/**
 * msr.mode=baseline on a schema built before MSR (two tables that V1 and V2 create), and the refusal of a first
 * migrate into such a schema without a baseline (NON_EMPTY_SCHEMA).
 */
@WithPostgres
class BaselineTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    BaselineTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void schemaBuiltBeforeMsr() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir)
                .write("V1_users.up.sql", "create table " + schema + ".users (id int primary key);")
                .write("V2_notes.up.sql", "create table " + schema + ".notes (id int primary key);")
                .write("V3_users_email.up.sql", "alter table " + schema + ".users add column email text;");
        db.execute("create table " + schema + ".users (id int primary key)");
        db.execute("create table " + schema + ".notes (id int primary key)");
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.schema(schema).build());
    }

    private Msr msr() {
        return msr(folder.settings());
    }

    private List<String> history() {
        return db.queryForStrings("select version || ' ' || operation || ' ' || type || ' ' || installed_by from "
                + schema + ".msr_schema_history order by id");
    }

    private boolean historyTableExists() {
        return db.queryForObject("select to_regclass('" + schema + ".msr_schema_history') is not null", Boolean.class);
    }

    @Test
    void recordsTheBaselineAndLaterMigratesApplyOnlyNewerMigrations() {
        OperationResult baseline = msr().baseline(Version.of(2));

        assertThat(baseline.operation()).isEqualTo(Operation.BASELINE);
        assertThat(baseline.success()).isTrue();
        assertThat(baseline.schemaVersionAfter()).isEqualTo(Version.of(2));
        assertThat(baseline.executed()).isEmpty();
        assertThat(baseline.notes()).anySatisfy(note -> assertThat(note).contains("Recorded baseline V2")
                .contains("2 local migration(s) up to V2 count as applied"));
        assertThat(history()).containsExactly("2 BASELINE BASELINE " + db.username());
        assertThat(db.queryForObject("select installed_on > now() - interval '1 minute' from " + schema
                + ".msr_schema_history", Boolean.class)).isTrue();

        InfoResult info = msr().info();
        assertThat(info.schemaVersion()).isEqualTo(Version.of(2));
        assertThat(info.issues()).isEmpty();
        assertThat(info.migrations()).extracting(MigrationInfo::version, MigrationInfo::type, MigrationInfo::state)
                .containsExactly(
                        tuple(Version.of(1), MigrationType.SQL, MigrationState.BELOW_BASELINE),
                        tuple(Version.of(2), MigrationType.BASELINE, MigrationState.APPLIED),
                        tuple(Version.of(2), MigrationType.SQL, MigrationState.BELOW_BASELINE),
                        tuple(Version.of(3), MigrationType.SQL, MigrationState.PENDING));
        assertThat(info.pending()).extracting(MigrationInfo::version).containsExactly(Version.of(3));

        OperationResult migrate = msr().migrate();
        assertThat(migrate.schemaVersionBefore()).isEqualTo(Version.of(2));
        assertThat(migrate.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(3));
        assertThat(history()).extracting(row -> row.substring(0, row.lastIndexOf(' ')))
                .containsExactly("2 BASELINE BASELINE", "3 UP SQL");
        assertThat(msr().info().schemaVersion()).isEqualTo(Version.of(3));
        assertThat(msr().migrate().executed()).isEmpty();
    }

    @Test
    void aDottedBaselineVersionIsRecordedAsWritten() {
        msr().baseline(Version.parse("2.5"));

        assertThat(history()).extracting(row -> row.substring(0, row.indexOf(' '))).containsExactly("2.5");
        assertThat(msr().migrate().executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(3));
    }

    @Test
    void aDryRunReportsTheBaselineAndWritesNothing() {
        OperationResult result = msr(folder.settings().dryRun(true)).baseline(Version.of(2));

        assertThat(result.success()).isTrue();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("Dry run: would record baseline V2")
                .contains("nothing was written"));
        assertThat(historyTableExists()).isFalse();
    }

    @Test
    void refusesABaselineOnASchemaWithHistoryNamingTheTableAndItsVersion() {
        msr().baseline(Version.of(2));
        msr().migrate();

        ValidationException failure = catchThrowableOfType(ValidationException.class,
                () -> msr().baseline(Version.of(5)));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(failure.getMessage()).contains("\"" + schema + "\".\"msr_schema_history\"")
                .contains("at schema version V3").contains("Nothing was written");
        assertThat(failure.result()).hasValueSatisfying(result ->
                assertThat(result.operation()).isEqualTo(Operation.BASELINE));
        assertThat(history()).hasSize(2);
    }

    @Test
    void aBaselineNeedsItsVersion() {
        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> msr().baseline(null));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(failure.getMessage()).contains("msr.baseline-version");
    }

    @Test
    void refusesAFirstMigrateIntoASchemaWithTablesButNoHistory() {
        ValidationException failure = catchThrowableOfType(ValidationException.class, () -> msr().migrate());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(failure.issues()).extracting(Issue::code).containsExactly("NON_EMPTY_SCHEMA");
        assertThat(failure.getMessage()).contains("Schema " + schema + " already holds 2 table(s)")
                .contains("notes, users").contains("msr.mode=baseline with msr.baseline-version")
                .contains("msr.adopt-from");
        assertThat(historyTableExists()).isFalse();
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr(folder.settings().dryRun(true)).migrate())
                .issues()).extracting(Issue::code).containsExactly("NON_EMPTY_SCHEMA");
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr().validate()).issues())
                .extracting(Issue::code).containsExactly("NON_EMPTY_SCHEMA");
        assertThat(msr().info().issues()).extracting(Issue::severity, Issue::code)
                .containsExactly(tuple(Issue.Severity.ERROR, "NON_EMPTY_SCHEMA"));
        assertThat(historyTableExists()).isFalse();
    }

    @Test
    void viewsCountAndOtherToolsTablesDoNot() {
        db.execute("drop table " + schema + ".users");
        db.execute("drop table " + schema + ".notes");
        db.execute("create table " + schema + ".flyway_schema_history (id int)");
        db.execute("create table " + schema + ".databasechangelog (id int)");
        db.execute("create table " + schema + ".databasechangeloglock (id int)");
        assertThat(msr().info().issues()).isEmpty();

        db.execute("create view " + schema + ".answer as select 42 as value");
        assertThat(msr().info().issues()).extracting(Issue::code).containsExactly("NON_EMPTY_SCHEMA");
    }

    @Test
    void anEmptySchemaMigratesFromTheFirstMigration() {
        db.execute("drop table " + schema + ".users");
        db.execute("drop table " + schema + ".notes");

        assertThat(msr().migrate().executed()).hasSize(3);
    }

    @Test
    void neverFiresOnceTheHistoryTableExists() {
        msr().baseline(Version.of(2));
        db.execute("create table " + schema + ".added_by_hand (id int)");

        assertThat(msr().migrate().success()).isTrue();
        assertThat(msr().info().issues()).isEmpty();
    }

    @Test
    void doesNotFireWhileGolangMigratesHistoryIsAdopted() {
        folder = new MigrationFolder(dir.resolve("golang"))
                .write("000001_users.up.sql", "create table " + schema + ".users (id int primary key);")
                .write("000002_notes.up.sql", "create table " + schema + ".notes (id int primary key);");
        db.execute("create table " + schema + ".schema_migrations (version bigint not null primary key,"
                + " dirty boolean not null)");
        db.execute("insert into " + schema + ".schema_migrations values (2, false)");

        OperationResult result = msr(folder.settings().naming(MigrationNaming.GOLANG_MIGRATE)
                .adoptFrom(AdoptFrom.GOLANG_MIGRATE)).migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.schemaVersionAfter()).isEqualTo(Version.of(2));
    }
}
