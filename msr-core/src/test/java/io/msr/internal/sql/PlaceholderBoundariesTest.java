package io.msr.internal.sql;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholderBoundariesTest {

    private static Optional<PlaceholderBoundaries.Breach> check(String sql, Map<String, String> values) {
        return PlaceholderBoundaries.check(sql, PlaceholderReplacer.replace(sql, values::get));
    }

    private static void keeps(String sql, String name, String value) {
        assertThat(check(sql, Map.of(name, value))).as(sql + " with " + value).isEmpty();
    }

    private static PlaceholderBoundaries.Breach breaks(String sql, String name, String value) {
        Optional<PlaceholderBoundaries.Breach> breach = check(sql, Map.of(name, value));
        assertThat(breach).as(sql + " with " + value).isPresent();
        assertThat(breach.get().name()).isEqualTo(name);
        assertThat(breach.get().index()).isEqualTo(sql.indexOf("${" + name + "}"));
        assertThat(breach.get().reason()).doesNotContain(value);
        return breach.get();
    }

    @Test
    void valuesInsideALiteralQuotedIdentifierDollarBodyOrNameKeepTheStatement() {
        keeps("insert into t values ('${greeting}');", "greeting", "hello; world");
        keeps("insert into t values ('${greeting}');", "greeting", "it''s -- not a comment /* nor this");
        keeps("insert into t values (E'${greeting}');", "greeting", "tab\\there");
        keeps("create table \"${name}\" (id int);", "name", "my table; drop");
        keeps("do $$ begin raise notice '${name}'; end $$;", "name", "x");
        keeps("do $$ begin perform ${name}; end $$;", "name", "1; select 2");
        keeps("create table ${prefix}_users (id int);", "prefix", "app");
        keeps("create table ${schema}.users (id int);", "schema", "public");
        keeps("select 1 -- ${note}\n;", "note", "anything; goes ' here");
        keeps("select 1 /* ${note} */;", "note", "anything; goes ' here");
        keeps("insert into t values ('${empty}');", "empty", "");
        keeps("select ${empty} 1;", "empty", "");
    }

    @Test
    void valuesMadeOfWholeTokensWhereThePlaceholderStandsAloneKeepTheStatement() {
        keeps("select ${columns} from t;", "columns", "a, b,\n c");
        keeps("select * from t limit ${rows};", "rows", "10");
        keeps("alter table t add column c ${type};", "type", "integer not null default 0");
        keeps("select ${literal};", "literal", "'en_US'");
        keeps("select ${expr}\nfrom t;", "expr", "1 -- a comment to the end of the line");
        keeps("select ${expr} from t;", "expr", "1 /* closed */");
    }

    @Test
    void aValueThatEndsTheLiteralItIsInIsRefused() {
        String sql = "insert into victim values ('${name}');";
        assertThat(breaks(sql, "name", "'); drop table victim; --").reason()).contains("literal");
        breaks(sql, "name", "it's");
        breaks(sql, "name", "x'");
        breaks("insert into t values (E'${name}');", "name", "a\\");
        breaks("create table \"${name}\" (id int);", "name", "x\" (id int); drop table y; create table \"z");
        breaks("do $$ begin perform ${name}; end $$;", "name", "1; end $$; drop table t; do $$ begin");
    }

    @Test
    void aValueThatAddsASemicolonOrSqlWhereItStandsInACommentIsRefused() {
        assertThat(breaks("select ${a} from t;", "a", "1; drop table t").reason()).contains("';'");
        breaks("select 1 -- ${note}\n;", "note", "x\ndrop table t");
        breaks("create table ${prefix}_users (id int);", "prefix", "x; drop table t; create table y");
        breaks("create table ${prefix}_users (id int);", "prefix", "x y");
    }

    @Test
    void aValueThatStartsACommentOrLiteralSwallowingTheRestIsRefused() {
        breaks("select ${a} from t where x = 1;", "a", "1 --");
        breaks("select ${a} from t where x = 1;", "a", "1 /*");
        breaks("select ${a} from t where x = 1;", "a", "'");
        breaks("select ${a} from t where x = 1;", "a", "$$");
        breaks("select ${a}", "a", "'x");
    }

    @Test
    void aValueThatMovesTheEndOfAnAtomicBodyIsRefused() {
        String sql = "create function f() returns int language sql begin atomic select ${a}; select 2; end;";
        keeps(sql, "a", "1");
        // The body ends at an END right after one of its semicolons, as the grammar ends it; "1 end" is no such END.
        keeps(sql, "a", "1 end");
        breaks("create function f() returns int language sql begin atomic select 1; ${a} select 2; end;", "a", "END");
    }

    @Test
    void anEmptyValueKeepsTheStatementWhereverItStands() {
        keeps("grant select on users to ${reader};", "reader", "");
        keeps("select * from ${prefix}users;", "prefix", "");
        keeps("select '${a}' as a;", "a", "");
    }

    @Test
    void namesTheFirstBreakingPlaceholderAmongSeveral() {
        String sql = "insert into t values ('${a}', '${b}');";
        PlaceholderBoundaries.Breach breach = check(sql, Map.of("a", "fine", "b", "bad'")).orElseThrow();
        assertThat(breach.name()).isEqualTo("b");
        assertThat(breach.index()).isEqualTo(sql.indexOf("${b}"));
    }
}
