package io.msr.internal.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementSplitterTest {

    private static List<String> sql(String script) {
        return SqlStatementSplitter.split(script).stream().map(SqlStatement::sql).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsKeepingTheTextAsWritten() {
        assertThat(sql("create table a (id int);\n\ninsert into a values (1);"))
                .containsExactly("create table a (id int);", "insert into a values (1);");
    }

    @Test
    void keepsTheLastStatementWithoutASemicolon() {
        assertThat(sql("select 1;\nselect 2")).containsExactly("select 1;", "select 2");
    }

    @Test
    void ignoresSemicolonsInCommentsAndStrings() {
        String script = "-- a; comment\ninsert into t values ('a;b', E'c\\';d', \"we;ird\");\n/* x; /* nested; */ y; */ select 1;";
        assertThat(sql(script)).hasSize(2);
        assertThat(sql(script).get(0)).endsWith("\"we;ird\");");
    }

    @Test
    void keepsDollarQuotedFunctionBodiesAndDoBlocksWhole() {
        String script = """
                create function f() returns int language plpgsql as $$
                begin
                  perform 1; return 2;
                end $$;
                do $body$ begin raise notice 'x;y'; end $body$;
                select $1;
                """;
        List<String> statements = sql(script);
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0)).contains("return 2;").endsWith("end $$;");
        assertThat(statements.get(1)).startsWith("do $body$").endsWith("$body$;");
    }

    @Test
    void keepsBeginAtomicBodiesWhole() {
        String script = "create or replace function g() returns int language sql begin atomic select 1; select case when true then 2 end; end;\nselect 3;";
        assertThat(sql(script)).hasSize(2);
    }

    @Test
    void leavesOutChunksOfOnlyCommentsAndWhitespace() {
        assertThat(sql("-- only a comment\n;  ;\n/* and this */")).isEmpty();
    }

    @Test
    void recordsWhereEachStatementStarts() {
        String script = "select 1;\n\n  select 2;";
        assertThat(SqlStatementSplitter.split(script).get(1).offset()).isEqualTo(script.indexOf("select 2"));
    }

    @Test
    void doesNotTreatAnIdentifierWithADollarAsAQuote() {
        assertThat(sql("select a$b$ from t; select 2;")).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.msr.internal.sql.TrickyScripts#all")
    void endsEachStatementOfATrickyScriptWhereTheServerDoes(TrickyScripts.Script tricky) {
        assertThat(sql(tricky.script())).containsExactlyElementsOf(tricky.statements());
    }

    @Test
    void keepsTheRestOfAScriptThatEndsInsideACommentAsItsLastStatementForTheServerToReject() {
        String script = "select 1;\n/* never closed\ncreate table t (id int);\n";
        List<SqlStatement> statements = SqlStatementSplitter.split(script);
        assertThat(statements).extracting(SqlStatement::sql)
                .containsExactly("select 1;", "/* never closed\ncreate table t (id int);\n");
        assertThat(statements.get(1).offset()).isEqualTo(script.indexOf("/*"));
    }
}
