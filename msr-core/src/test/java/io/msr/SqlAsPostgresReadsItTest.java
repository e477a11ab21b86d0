package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Migration files run statement by statement exactly as PostgreSQL reads them, on a real server. */
@WithPostgres
class SqlAsPostgresReadsItTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    SqlAsPostgresReadsItTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
    }

    private Msr msr() {
        return folder.msr(db, folder.settings().schema(schema).build());
    }

    private long count(String sql) {
        return db.queryForObject(sql, Long.class);
    }

    private String table(String name) {
        return schema + "." + name;
    }

    @Test
    void appliesEveryStatementOfAFileWhoseLinesEndInABareCarriageReturn() {
        folder.write("V1_cr.up.sql", "create table " + table("t") + " (a int); -- note\r"
                + "insert into " + table("t") + " values (1);\r-- another; note\rinsert into " + table("t")
                + " values (2);\rselect 1;\r");
        msr().migrate();
        assertThat(count("select count(*) from " + table("t"))).isEqualTo(2);
    }

    @Test
    void createsARuleWhoseActionsAreInParentheses() {
        folder.write("V1_rule.up.sql", "create table " + table("t") + " (a int);\n"
                + "create table " + table("log") + " (a int);\n"
                + "create rule r as on insert to " + table("t") + " do also (insert into " + table("log")
                + " values (new.a); insert into " + table("log") + " values (new.a + 1));\n"
                + "insert into " + table("t") + " values (10);\n");
        msr().migrate();
        assertThat(count("select count(*) from pg_rules where schemaname = '" + schema + "' and rulename = 'r'"))
                .isEqualTo(1);
        assertThat(db.queryForStrings("select a::text from " + table("log") + " order by a")).containsExactly("10", "11");
    }

    @Test
    void endsABeginAtomicBodyWhereTheGrammarDoesWithEndAndCaseAsColumnLabels() {
        folder.write("V1_atomic.up.sql", "create table " + table("t") + " (\"end\" int, \"case\" int);\n"
                + "insert into " + table("t") + " values (1, 2);\n"
                + "create function " + table("f") + "() returns table (e int, c int) language sql begin atomic\n"
                + "  select t.end as end, t.case as case from " + table("t") + " t;\n"
                + "end;\n"
                + "create function " + table("g") + "() returns int language sql begin atomic\n"
                + "  select case when t.end = 1 then 5 end case from " + table("t") + " t;\n"
                + "end;\n"
                + "create table " + table("after") + " (id int);\n");
        msr().migrate();
        assertThat(db.queryForStrings("select e || ' ' || c from " + table("f") + "()")).containsExactly("1 2");
        assertThat(count("select " + table("g") + "()::bigint")).isEqualTo(5);
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "' and tablename = 'after'"))
                .isEqualTo(1);
    }

    @Test
    void continuesALiteralAcrossLineEndsAndCommentsAsTheServerDoes() {
        folder.write("V1_continued.up.sql", "create table " + table("t") + " (v text);\n"
                + "insert into " + table("t") + " values ('a;' -- it goes on; '\n  'b');\n"
                + "insert into " + table("t") + " values ('c'\r-- more;\r'd');\n");
        msr().migrate();
        assertThat(db.queryForStrings("select v from " + table("t") + " order by v")).containsExactly("a;b", "cd");
    }

    @Test
    void readsANonAsciiSpaceAsPartOfAWordAsTheServerDoes() {
        folder.write("V1_words.up.sql", "create table " + table("t") + " (\"a\u3000$$\" int, \"b\u00A0\" int);\n"
                + "insert into " + table("t") + " (a\u3000$$, b\u00A0) values (1, 2);\n"
                + "insert into " + table("t") + " values (3, 4);\n");
        msr().migrate();
        assertThat(count("select count(*) from " + table("t"))).isEqualTo(2);
    }

    @Test
    void namesTheLineOfAFailingStatementsSqlNotOfTheCommentBeforeIt() {
        folder.write("V1_fails.up.sql", "select 1;\n-- why the next statement exists;\n/* and more\n*/\n"
                + "select 1 / 0;\n");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class, () -> msr().migrate());
        assertThat(error.sqlState()).contains("22012");
        assertThat(error.line()).contains(5);
        assertThat(error.getMessage()).contains("V1_fails.up.sql, line 5");
    }

    @Test
    void mapsAnErrorPositionToItsLineInAFileWithBareCarriageReturns() {
        folder.write("V1_position.up.sql", "select 1;\r-- c\rselect\r  1 +\r  nosuchcolumn\rfrom (select 1) t;\r");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class, () -> msr().migrate());
        assertThat(error.sqlState()).contains("42703");
        assertThat(error.line()).contains(5);
    }

    @Test
    void rejectsAPsqlMetaCommandBeforeRunningAnything() {
        folder.write("V1_first.up.sql", "create table " + table("a") + " (id int);")
                .write("V2_meta.up.sql", "create table " + table("b") + " (id int);\n\\set owner app\n"
                        + "alter table " + table("b") + " owner to :owner;\n");
        ValidationException error = catchThrowableOfType(ValidationException.class, () -> msr().migrate());
        assertThat(error.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(error.issues()).extracting(Issue::code).containsExactly("PSQL_COMMAND");
        assertThat(error.getMessage()).contains("V2_meta.up.sql, line 2").contains("\\set")
                .contains("msr.placeholders");
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "'")).isZero();
    }

    @Test
    void rejectsCopyFromStdinBeforeRunningAnything() {
        folder.write("V1_copy.up.sql", "create table " + table("a") + " (id int, name text);\n\n"
                + "-- the seed data\nCOPY " + table("a") + " (id, name) FROM stdin;\n1\tada\n2\to'neil\n\\.\n");
        ValidationException error = catchThrowableOfType(ValidationException.class, () -> msr().migrate());
        assertThat(error.issues()).extracting(Issue::code).containsExactly("PSQL_COMMAND");
        assertThat(error.getMessage()).contains("V1_copy.up.sql, line 4").contains("COPY ... FROM STDIN needs psql")
                .contains("CopyManager");
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "'")).isZero();
    }
}
