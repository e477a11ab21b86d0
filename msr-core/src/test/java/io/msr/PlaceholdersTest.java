package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@WithPostgres
class PlaceholdersTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    PlaceholdersTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
    }

    private Msr msr(Map<String, String> placeholders) {
        return msr(folder.settings().schema(schema).placeholders(placeholders));
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.build());
    }

    private String greeting() {
        return db.queryForObject("select text from " + schema + ".greeting", String.class);
    }

    @Test
    void replacesPlaceholdersFromTheSettingsIgnoringCaseInUpAndDownFiles() {
        folder.write("V1_greeting.up.sql", "create table ${msr:schema}.greeting (text text);\n"
                        + "insert into ${msr:schema}.greeting values ('hello ${Tenant}');")
                .write("V1_greeting.down.sql", "drop table ${msr:schema}.${table_name};");
        msr(Map.of("tenant", "acme", "table_name", "greeting")).migrate();
        assertThat(greeting()).isEqualTo("hello acme");

        msr(Map.of("tenant", "acme", "table_name", "greeting")).down(0L);
        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema
                + "' and tablename = 'greeting'", Long.class)).isZero();
    }

    @Test
    void builtInsNameTheHistoryTableAndTheConnectedUser() {
        folder.write("V1_builtins.up.sql", "create table ${msr:schema}.greeting (text text);\n"
                + "insert into ${msr:schema}.greeting select '${msr:schema} ${msr:table} ${msr:user} '\n"
                + "  || (select count(*) from ${msr:schema}.${msr:table});");
        msr(folder.settings().schema(schema).table("my_history")).migrate();
        assertThat(greeting()).isEqualTo(schema + " my_history " + db.username() + " 0");
    }

    @Test
    void anUnknownPlaceholderFailsValidationNamingFileLineAndPropertyWithNothingExecuted() {
        folder.write("V1_ok.up.sql", "create table ${msr:schema}.greeting (text text);")
                .write("V2_unknown.up.sql", "select 1;\n\ninsert into ${msr:schema}.greeting values ('${region}');")
                .write("V2_unknown.down.sql", "select '${msr:nosuch}';");
        ValidationException error = catchThrowableOfType(ValidationException.class, () -> msr(Map.of()).migrate());
        assertThat(error.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(error.issues()).extracting(Issue::code).containsExactly("UNKNOWN_PLACEHOLDER", "UNKNOWN_PLACEHOLDER");
        assertThat(error.getMessage())
                .contains("V2_unknown.up.sql, line 3: placeholder ${region} has no value. Set msr.placeholders.region")
                .contains("V2_unknown.down.sql, line 1: placeholder ${msr:nosuch} is not a built-in placeholder");
        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'",
                Long.class)).isZero();
    }

    @Test
    void replacementOffSendsPlaceholdersAsWrittenAndNeverReportsThem() {
        folder.write("V1_literal.up.sql", "create table " + schema + ".greeting (text text);\n"
                + "insert into " + schema + ".greeting values ('${region} ${msr:schema}');");
        msr(folder.settings().schema(schema).placeholderReplacement(false)).migrate();
        assertThat(greeting()).isEqualTo("${region} ${msr:schema}");
    }

    @Test
    void aNewPlaceholderValueDoesNotMakeAnAppliedFileLookEdited() {
        folder.write("V1_greeting.up.sql", "create table ${msr:schema}.greeting (text text);\n"
                + "insert into ${msr:schema}.greeting values ('${tenant}');");
        msr(Map.of("tenant", "acme")).migrate();
        OperationResult validated = msr(Map.of("tenant", "globex")).validate();
        assertThat(validated.success()).isTrue();
        assertThat(validated.warnings()).isEmpty();
        assertThat(msr(Map.of("tenant", "globex")).info().migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED);
    }

    @Test
    void anErrorAfterAValueOfAnotherLengthWithNewlinesNamesTheLineAsWritten() {
        folder.write("V1_bad.up.sql", "select 1;\n"
                + "select ${columns},\n"
                + "  nosuchcolumn\n"
                + "from (select 1 as a) t;\n");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(Map.of("columns", "a,\na,\na,\na")).migrate());
        assertThat(error.sqlState()).contains("42703");
        assertThat(error.line()).contains(3);
        assertThat(error.getMessage()).contains("V1_bad.up.sql, line 3");
    }

    @Test
    void anErrorInsideAReplacedValueNamesThePlaceholdersLine() {
        folder.write("V1_bad.up.sql", "select 1;\n\nselect\n  ${expression}\nfrom (select 1 as a) t;\n");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(Map.of("expression", "a +\nnosuchcolumn")).migrate());
        assertThat(error.line()).contains(4);
    }

    @Test
    void aDryRunReplacesPlaceholdersAndCommitsNothing() {
        folder.write("V1_greeting.up.sql", "create table ${msr:schema}.greeting (text text);\n"
                + "insert into ${msr:schema}.greeting values ('${tenant}');\n"
                + "do $$ begin if (select text from ${msr:schema}.greeting) <> 'acme' then"
                + " raise exception 'not replaced'; end if; end $$;");
        OperationResult result = msr(folder.settings().schema(schema).placeholders(Map.of("tenant", "acme"))
                .dryRun(true)).migrate();
        assertThat(result.executed()).extracting(ExecutedMigration::outcome)
                .containsExactly(ExecutedMigration.Outcome.DRY_RUN);
        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'",
                Long.class)).isZero();
    }

    @Test
    void rejectsPlaceholderNamesThatAreNotNamesOrDifferOnlyInCase() {
        assertThat(catchThrowableOfType(ConfigurationException.class,
                () -> MsrSettings.builder().placeholders(Map.of("a b", "x")).build()))
                .hasMessageContaining("msr.placeholders.a b");
        assertThat(catchThrowableOfType(ConfigurationException.class,
                () -> MsrSettings.builder().placeholders(Map.of("tenant", "x", "TENANT", "y")).build()))
                .hasMessageContaining("differ only in case");
    }
}
