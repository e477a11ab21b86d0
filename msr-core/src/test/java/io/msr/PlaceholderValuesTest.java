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

/** Placeholder values are data: they never change a file's statements. */
@WithPostgres
class PlaceholderValuesTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    PlaceholderValuesTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
    }

    private Msr msr(Map<String, String> placeholders) {
        return folder.msr(db, folder.settings().schema(schema).placeholders(placeholders).build());
    }

    private boolean exists(String table) {
        return db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema
                + "' and tablename = '" + table + "'", Long.class) == 1;
    }

    @Test
    void aValueThatEndsItsLiteralFailsValidationNamingFileLineAndPlaceholderBeforeAnythingRuns() {
        folder.write("V1_victim.up.sql", "create table ${msr:schema}.victim (name text);");
        msr(Map.of()).migrate();
        folder.write("V2_other.up.sql", "create table ${msr:schema}.other (id int);")
                .write("V3_greet.up.sql", "-- greets\ninsert into ${msr:schema}.victim values ('${name}');");

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> msr(Map.of("name", "'); drop table " + schema + ".victim; --")).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(error.issues()).extracting(Issue::code).containsExactly("PLACEHOLDER_CHANGES_STATEMENTS");
        assertThat(error.getMessage()).contains("V3_greet.up.sql, line 2: the value of placeholder ${name}")
                .contains("msr.placeholders.name").doesNotContain("drop table");
        assertThat(exists("victim")).as("victim kept").isTrue();
        assertThat(exists("other")).as("V2 not run").isFalse();
        assertThat(db.queryForObject("select count(*) from " + schema + ".msr_schema_history where version = '2'",
                Long.class)).isZero();
    }

    @Test
    void aValueThatStaysInsideItsLiteralKeepsOneStatement() {
        folder.write("V1_greet.up.sql", "create table ${msr:schema}.greeting (text text);\n"
                + "insert into ${msr:schema}.greeting values ('${greeting}');");
        msr(Map.of("greeting", "hello; world")).migrate();
        assertThat(db.queryForObject("select text from " + schema + ".greeting", String.class))
                .isEqualTo("hello; world");
    }

    @Test
    void aValueThatAddsAStatementFailsValidationInEveryModeThatReadsTheFiles() {
        folder.write("V1_limit.up.sql", "create table ${msr:schema}.t as select 1 as id limit ${rows};");
        Map<String, String> injected = Map.of("rows", "1; drop schema " + schema + " cascade");
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr(injected).validate()).getMessage())
                .contains("V1_limit.up.sql, line 1: the value of placeholder ${rows}").contains("';'");
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr(injected).migrate())).isNotNull();
        assertThat(exists("t")).isFalse();
        msr(Map.of("rows", "1")).migrate();
        assertThat(exists("t")).isTrue();
    }

    @Test
    void aBuiltInValueThatWouldEndItsLiteralFailsBeforeItsFileRuns() {
        String odd = schema + "_o'q";
        db.execute("create schema \"" + odd + "\"");
        try {
            folder.write("V1_builtin.up.sql", "create table \"" + odd.replace("'", "'") + "\".t (v text);\n"
                    + "insert into \"" + odd + "\".t values ('${msr:schema}');");
            String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema="
                    + java.net.URLEncoder.encode(odd, java.nio.charset.StandardCharsets.UTF_8);
            Msr msr = Msr.builder().url(url, db.username(), db.password()).settings(folder.settings().build()).build();

            ValidationException error = catchThrowableOfType(ValidationException.class, msr::migrate);

            assertThat(error.getMessage()).contains("V1_builtin.up.sql, line 2: the value of placeholder ${msr:schema}")
                    .contains("Nothing of this file was run");
            assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + odd.replace("'", "''")
                    + "' and tablename = 't'", Long.class)).isZero();
        } finally {
            db.execute("drop schema \"" + odd + "\" cascade");
        }
    }
}
