package io.msr;

import io.msr.test.RealLiquibase;
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
 * msr.adopt-from=liquibase against a schema that real Liquibase built (two changesets: users, then notes), taken over
 * with msr.baseline-version=2 by migrations V1 and V2 that create the same tables, and V3 that is new.
 */
@WithPostgres
class AdoptLiquibaseTest {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    private static final String LAST = CHANGELOG + "::notes::bob";

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    AdoptLiquibaseTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void schemaBuiltByLiquibase() throws Exception {
        schema = db.freshSchema().name();
        Path changelogs = dir.resolve("liquibase");
        RealLiquibase.write(changelogs, CHANGELOG, RealLiquibase.USERS_AND_NOTES);
        RealLiquibase.update(db, schema, changelogs, CHANGELOG);
        folder = new MigrationFolder(dir.resolve("msr"))
                .write("V1_users.up.sql", "create table " + schema + ".users (id int);")
                .write("V2_notes.up.sql", "create table " + schema + ".notes (id int);")
                .write("V3_users_email.up.sql", "alter table " + schema + ".users add column email text;");
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.schema(schema).adoptFrom(AdoptFrom.LIQUIBASE).baselineVersion(Version.of(2))
                .build());
    }

    private Msr msr() {
        return msr(folder.settings());
    }

    private boolean historyTableExists() {
        return db.queryForObject("select to_regclass('" + schema + ".msr_schema_history') is not null", Boolean.class);
    }

    private String liquibaseTables() {
        return db.queryForStrings("select id || ' ' || exectype from " + schema + ".databasechangelog order by"
                + " orderexecuted") + " " + db.queryForStrings("select locked::text from " + schema
                + ".databasechangeloglock");
    }

    @Test
    void theFirstMigrateRecordsTheBaselineNamingTheLastChangesetAndAppliesOnlyNewerMigrations() {
        String before = liquibaseTables();

        OperationResult result = msr().migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.schemaVersionBefore()).isEqualTo(Version.of(2));
        assertThat(result.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(3));
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("Recorded baseline V2").contains(LAST));
        assertThat(db.queryForStrings("select version || ' ' || operation || ' ' || script from " + schema
                + ".msr_schema_history order by id")).containsExactly("2 BASELINE " + LAST, "3 UP V3_users_email.up.sql");
        assertThat(liquibaseTables()).isEqualTo(before);
        assertThat(msr().migrate().executed()).isEmpty();
    }

    @Test
    void infoAndValidateBeforeTheFirstMigrateReportTheBaselineToBeAndWriteNothing() {
        InfoResult info = msr().info();

        assertThat(info.schemaVersion()).isEqualTo(Version.of(2));
        assertThat(info.issues()).isEmpty();
        assertThat(info.pending()).extracting(MigrationInfo::version).containsExactly(Version.of(3));
        assertThat(info.inState(MigrationState.BELOW_BASELINE)).hasSize(2);
        assertThat(info.migrations()).anySatisfy(row -> assertThat(row.script()).isEqualTo(LAST));
        assertThat(msr().validate().success()).isTrue();
        assertThat(historyTableExists()).isFalse();
    }

    @Test
    void baselineModeRecordsTheBaselineFromLiquibase() {
        OperationResult result = msr().baseline(Version.of(2));

        assertThat(result.success()).isTrue();
        assertThat(db.queryForStrings("select version || ' ' || script from " + schema + ".msr_schema_history"))
                .containsExactly("2 " + LAST);
        assertThat(msr().migrate().executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(3));
    }

    @Test
    void refusesWhileLiquibasesLockIsHeldNamingWhoHoldsItAndSinceWhen() {
        db.execute("update " + schema + ".databasechangeloglock set locked = true, lockedby = 'deployer (10.0.0.7)',"
                + " lockgranted = now()");

        ValidationException failure = catchThrowableOfType(ValidationException.class, () -> msr().migrate());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(failure.issues()).extracting(Issue::code).containsExactly("ADOPT_LOCKED");
        assertThat(failure.getMessage()).contains("held by deployer (10.0.0.7) since").contains("release-locks");
        assertThat(historyTableExists()).isFalse();
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr().baseline(Version.of(2))).issues())
                .extracting(Issue::code).containsExactly("ADOPT_LOCKED");
        assertThat(historyTableExists()).isFalse();
    }

    @Test
    void refusesAChangesetThatDidNotRun() {
        db.execute("update " + schema + ".databasechangelog set exectype = 'FAILED' where id = 'notes'");

        ValidationException failure = catchThrowableOfType(ValidationException.class, () -> msr().migrate());

        assertThat(failure.issues()).extracting(Issue::code).containsExactly("ADOPT_NOT_EXECUTED");
        assertThat(failure.getMessage()).contains(LAST).contains("exectype FAILED");
        assertThat(historyTableExists()).isFalse();
        assertThat(msr().info().issues()).extracting(Issue::code).containsExactly("ADOPT_NOT_EXECUTED");
    }

    @Test
    void aDryRunRecordsNothing() {
        OperationResult result = msr(folder.settings().dryRun(true)).migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("Dry run: would record baseline V2"));
        assertThat(historyTableExists()).isFalse();
        assertThat(db.queryForStrings("select column_name from information_schema.columns where table_schema = '"
                + schema + "' and table_name = 'users'")).containsExactly("id");
    }

    @Test
    void msrAdoptTableNamesAnotherChangelogTable() {
        db.execute("alter table " + schema + ".databasechangelog rename to legacy_changelog");
        db.execute("alter table " + schema + ".databasechangeloglock rename to legacy_changeloglock");

        assertThat(msr(folder.settings().adoptTable("legacy_changelog")).migrate().success()).isTrue();
        assertThat(db.queryForStrings("select script from " + schema + ".msr_schema_history order by id").get(0))
                .isEqualTo(LAST);
    }

    @Test
    void adoptingFromLiquibaseNeedsTheBaselineVersion() {
        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class,
                () -> folder.settings().adoptFrom(AdoptFrom.LIQUIBASE).build());

        assertThat(failure.getMessage()).contains("msr.adopt-from=liquibase").contains("msr.baseline-version");
    }

    @Test
    void withoutLiquibasesTablesTheSchemasTablesAreRefusedAsUsual() {
        db.execute("drop table " + schema + ".databasechangelog");

        assertThat(catchThrowableOfType(ValidationException.class, () -> msr().migrate()).issues())
                .extracting(Issue::code).containsExactly("NON_EMPTY_SCHEMA");
        assertThat(List.of(historyTableExists())).containsExactly(false);
    }
}
