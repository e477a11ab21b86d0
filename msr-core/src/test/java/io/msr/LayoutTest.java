package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Folder layouts found in real projects: each is either run as written or refused out loud, never silently skipped. */
@WithPostgres
class LayoutTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    LayoutTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() throws Exception {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
    }

    private MsrSettings.Builder settings() {
        return folder.settings().schema(schema);
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.build());
    }

    private long tables() {
        return db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'", Long.class);
    }

    @Test
    void aConfiguredLocationThatDoesNotExistFailsValidationAndRunsNothing() {
        folder.write("V1_a.up.sql", "create table " + schema + ".a (id int);");
        Msr msr = msr(settings().locations(folder.location(), "filesystem:" + dir.resolve("typo/path")));

        ValidationException error = catchThrowableOfType(ValidationException.class, msr::migrate);

        assertThat(error.issues()).extracting(Issue::code).containsExactly("LOCATION_MISSING");
        assertThat(error.getMessage()).contains("filesystem:" + dir.resolve("typo/path")).contains("msr.locations");
        assertThat(error.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(tables()).isZero();
        assertThat(msr.info().issues()).extracting(Issue::code).containsExactly("LOCATION_MISSING");
        assertThat(catchThrowableOfType(ValidationException.class, msr::validate)).isNotNull();
    }

    @Test
    void aFolderOfForeignNamesIsAWarningThatBlocksInStrictMode() {
        folder.write("1_init.up.sql", "create table " + schema + ".a (id int);")
                .write("1_init.down.sql", "drop table " + schema + ".a;");

        OperationResult relaxed = msr(settings()).migrate();
        assertThat(relaxed.executed()).isEmpty();
        assertThat(relaxed.warnings()).singleElement().asString().contains("holds 2 .sql file(s)")
                .contains("V<version>_<description>.up.sql");

        ValidationException strict = catchThrowableOfType(ValidationException.class,
                () -> msr(settings().strict(true)).migrate());
        assertThat(strict.issues()).extracting(Issue::code).containsExactly("NO_MIGRATION_NAMES");
        assertThat(msr(settings().strict(true)).info().issues()).allSatisfy(issue -> assertThat(issue.isError()).isTrue());
        assertThat(tables()).isZero();
    }

    @Test
    void aMigrationWithOnlyCommentsIsAppliedAndRecordedAsANoOp() {
        folder.write("V1_placeholder.up.sql", "-- reserved for the users table\n")
                .write("V2_b.up.sql", "create table " + schema + ".b (id int);");

        OperationResult result = msr(settings()).migrate();

        assertThat(result.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(1L), Version.of(2L));
        assertThat(result.warnings()).singleElement().asString().contains("V1_placeholder.up.sql").contains("no-op");
        assertThat(db.queryForStrings("select version || ' ' || success from " + schema
                + ".msr_schema_history order by id")).containsExactly("1 true", "2 true");
        assertThat(msr(settings()).migrate().executed()).isEmpty();
    }

    @Test
    void aDownFileWithAnotherDescriptionRevertsItsUpWithAWarning() {
        folder.write("V1_create_users.up.sql", "create table " + schema + ".users (id int);")
                .write("V1_users.down.sql", "drop table " + schema + ".users;");

        OperationResult up = msr(settings()).migrate();
        assertThat(up.warnings()).singleElement().asString().contains("V1_users.down.sql")
                .contains("V1_create_users.down.sql");
        msr(settings()).down(0);

        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema
                + "' and tablename = 'users'", Long.class)).isZero();
    }
}
