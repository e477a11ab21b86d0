package io.msr.internal.lint;

import io.msr.Version;
import io.msr.MigrationType;
import io.msr.internal.source.Checksums;
import io.msr.internal.source.Directives;
import io.msr.internal.source.MigrationLocation;
import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.source.ScriptFile;
import io.msr.internal.source.SqlScript;
import io.msr.internal.sql.SqlLexer;
import io.msr.internal.sql.SqlStatement;
import io.msr.internal.sql.SqlStatementSplitter;
import io.msr.internal.sql.SqlToken;
import io.msr.internal.sql.TrickyScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationLinterTest {

    private static ResolvedMigration migration(long version, String sql) {
        String name = "V" + version + "_m.up.sql";
        ScriptFile file = new ScriptFile(MigrationLocation.parse("classpath:db/msr"), name,
                sql.getBytes(StandardCharsets.UTF_8));
        SqlScript script = new SqlScript(file, sql, Checksums.of(sql), Directives.parse(sql),
                SqlStatementSplitter.split(sql));
        return new ResolvedMigration(Version.of(version), "m", MigrationType.SQL, name, script.checksum(), script, null, null, false);
    }

    private static List<String> rules(String... sql) {
        List<ResolvedMigration> pending = new java.util.ArrayList<>();
        for (int i = 0; i < sql.length; i++) {
            pending.add(migration(i + 1, sql[i]));
        }
        return MigrationLinter.lint(pending, Set.of()).stream().map(finding -> finding.rule().id()).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "add-column-not-null|alter table users add column age int not null",
        "add-column-not-null|ALTER TABLE public.users ADD age int NOT NULL, ADD nickname text",
        "set-not-null|alter table users alter column email set not null",
        "set-not-null|alter table only users alter email set not null",
        "create-index-not-concurrently|create index users_email_idx on users (email)",
        "create-index-not-concurrently|create unique index if not exists users_email_key on public.users using btree (lower(email))",
        "constraint-without-not-valid|alter table orders add constraint orders_user_fk foreign key (user_id) references users (id)",
        "constraint-without-not-valid|alter table orders add check (amount > 0)",
        "constraint-without-not-valid|alter table orders add column user_id bigint references users (id)",
        "change-column-type|alter table users alter column id type bigint",
        "change-column-type|alter table users alter column id set data type bigint",
        "drop-column|alter table users drop column legacy",
        "drop-column|alter table users drop if exists legacy",
        "rename-column|alter table users rename column name to full_name",
        "rename-table|alter table users rename to customers",
        "drop-table|drop table if exists users",
        "vacuum-full|vacuum full users",
        "vacuum-full|VACUUM (FULL, ANALYZE) users",
        "cluster|cluster users using users_pkey",
        "lock-table|lock table users in access exclusive mode"
    })
    void reportsEachRule(String rule, String sql) {
        assertThat(rules(sql + ";")).contains(rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "alter table users add column age int",
        "alter table users add column age int not null default 0",
        "alter table users add column id2 bigint generated always as identity not null",
        "create index concurrently users_email_idx on users (email)",
        "alter table orders add constraint orders_user_fk foreign key (user_id) references users (id) not valid",
        "alter table orders validate constraint orders_user_fk",
        "alter table orders drop constraint orders_user_fk",
        "alter table orders rename constraint a to b",
        "alter table users alter column email drop not null",
        "alter table users alter column email set default ''",
        "alter table users add primary key (id)",
        "vacuum users",
        "insert into notes (body) values ('alter table users drop column x; drop table users')",
        "do $$ begin execute 'drop table users'; end $$",
        "-- drop table users\nselect 1",
        "create table users (id int not null, email text not null references accounts (email))"
    })
    void staysQuietOnSafeStatements(String sql) {
        assertThat(rules(sql + ";")).isEmpty();
    }

    @Test
    void treatsTablesCreatedEarlierInTheRunAsNew() {
        assertThat(rules("create table accounts (id int primary key);",
                "create index accounts_id_idx on accounts (id);\n"
                        + "alter table accounts add column owner int not null, add constraint c check (id > 0);\n"
                        + "alter table public.accounts alter column owner type bigint;\n"
                        + "drop table accounts;")).isEmpty();
    }

    @Test
    void namesFileLineRuleAndTheSafeAlternative() {
        ResolvedMigration migration = migration(7, "create table a (id int);\n\nalter table users\n  drop column x;\n");
        LintFinding finding = MigrationLinter.lint(List.of(migration), Set.of()).get(0);
        assertThat(finding.line()).isEqualTo(4);
        assertThat(finding.message()).contains("V7 (V7_m.up.sql, line 4) [drop-column]")
                .contains("Safe alternative: stop using the column").contains("-- msr:allow=drop-column");
    }

    @Test
    void honoursFileAllowancesAndGloballyDisabledRules() {
        ResolvedMigration allowed = migration(1, "-- msr:allow=drop-column,lock-table\nalter table u drop column x;\n"
                + "lock table u;\ndrop table v;");
        assertThat(MigrationLinter.lint(List.of(allowed), Set.of()).stream().map(f -> f.rule().id()))
                .containsExactly("drop-table");
        assertThat(MigrationLinter.lint(List.of(allowed), Set.of("drop-table"))).isEmpty();
        assertThat(MigrationLinter.unknownRules(Set.of("drop-column", "drop-colum"))).containsExactly("drop-colum");
    }

    @Test
    void isNotFooledByAnEStringWhoseEscapedQuoteHidesAnAction() {
        assertThat(rules("alter table users add column note text default E'\\', drop column email';")).isEmpty();
        assertThat(rules("alter table users add column note text default E'it\\'s; drop column email';")).isEmpty();
    }

    @Test
    void seesTheActionAfterAnEStringEndingInAnEscapedQuote() {
        assertThat(rules("alter table users add column note text default E'\\'', drop column email;"))
                .containsExactly("drop-column");
    }

    @Test
    void readsADollarQuoteWhoseTagStartsWithAnUnderscore() {
        assertThat(rules("alter table users add column note text default $_$x, drop column email$_$;")).isEmpty();
    }

    @Test
    void doesNotTakeAQuotedIdentifierForAKeyword() {
        assertThat(rules("alter table users add \"CHECK\" boolean;")).isEmpty();
    }

    @Test
    void seesStatementsAfterNestedCommentsAndUnicodeStrings() {
        assertThat(rules("/* it's /* nested */ still ' a comment */ drop table users;",
                "alter table users alter column email set default U&'\\0041', drop column legacy;"))
                .containsExactly("drop-table", "drop-column");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.msr.internal.sql.TrickyScripts#all")
    void readsEachStatementToTheSemicolonTheSplitterEndsItAt(TrickyScripts.Script tricky) {
        List<SqlToken> script = SqlLexer.tokens(tricky.script());
        for (SqlStatement statement : SqlStatementSplitter.split(tricky.script())) {
            List<SqlToken> tokens = MigrationLinter.tokens(statement);
            int end = statement.offset() + statement.sql().length();
            assertThat(tokens).extracting(token -> new SqlToken(token.kind(), token.text(),
                    statement.offset() + token.offset()))
                    .as("the statement's tokens are the script's tokens from %d to %d", statement.offset(), end)
                    .containsExactlyElementsOf(script.stream()
                            .filter(token -> token.offset() >= statement.offset() && token.offset() < end).toList());
            // a BEGIN ATOMIC body's semicolons belong to its statement, and no rule reads inside CREATE FUNCTION
            boolean atomicBody = tokens.stream().anyMatch(token -> token.is("ATOMIC"));
            for (int i = 0; i < tokens.size() - 1 && !atomicBody; i++) {
                assertThat(tokens.get(i).isSymbol(";")).as("a semicolon before the end of: %s", statement.sql())
                        .isFalse();
            }
        }
    }
}
