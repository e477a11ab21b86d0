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

    static ResolvedMigration migration(long version, String sql) {
        String name = "V" + version + "_m.up.sql";
        ScriptFile file = new ScriptFile(MigrationLocation.parse("classpath:db/msr"), name,
                sql.getBytes(StandardCharsets.UTF_8));
        SqlScript script = new SqlScript(file, sql, Checksums.of(sql), Directives.parse(sql),
                SqlStatementSplitter.split(sql));
        return new ResolvedMigration(Version.of(version), "m", MigrationType.SQL, name, script.checksum(), script, null, null, false);
    }

    /** CsvSource ends a value at a line break, so the values write one as a backslash and n. */
    private static String lines(String sql) {
        return sql.replace("\\n", "\n");
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
        "lock-table|lock table users in access exclusive mode",
        "add-unique-without-index|alter table users add constraint users_email_key unique (email)",
        "add-unique-without-index|ALTER TABLE \"Sales\".\"Users\" ADD PRIMARY KEY (id)",
        "add-column-volatile-default|alter table users add column token uuid default public.gen_random_uuid()",
        "add-column-volatile-default|alter table users add column id2 bigint generated always as identity not null",
        "add-column-volatile-default|alter table users add column total numeric generated always as (a + b) stored",
        "add-column-volatile-default|alter table users add column n bigserial",
        "add-column-volatile-default|alter table users add column r float8 not null default (random() * 10)",
        "drop-index-not-concurrently|drop index if exists public.users_email_idx",
        "reindex-not-concurrently|reindex table users",
        "reindex-not-concurrently|REINDEX (VERBOSE) INDEX \"users_email_idx\"",
        "detach-partition-not-concurrently|alter table events detach partition events_2024",
        "concurrently-in-transaction|create unique index concurrently if not exists u on users (email)",
        "concurrently-in-transaction|drop index concurrently if exists u",
        "concurrently-in-transaction|reindex index concurrently u",
        "concurrently-in-transaction|alter table events detach partition events_2024 concurrently",
        "transaction-control|begin",
        "transaction-control|START TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "transaction-control|commit",
        "transaction-control|rollback",
        "transaction-control|end",
        "transaction-control|commit work and chain",
        "transaction-control|abort transaction",
        "transaction-control|prepare transaction 'x'",
        "truncate-cascade|truncate users, orders cascade",
        "truncate-cascade|TRUNCATE ONLY \"users\" RESTART IDENTITY CASCADE",
        "drop-database|drop database if exists legacy",
        "non-idempotent-outside-transaction|-- msr:transaction=false\\ncreate table t (id bigint)",
        "non-idempotent-outside-transaction|-- msr:transaction=false\\ndrop index concurrently users_email_idx",
        "non-idempotent-outside-transaction|-- msr:transaction=false\\nalter table users add column note text",
        "non-idempotent-outside-transaction|-- msr:transaction=false\\nalter table users drop constraint c",
        "non-idempotent-outside-transaction|-- msr:transaction=false\\ncreate view v as select 1",
        "non-idempotent-outside-transaction|-- msr:transaction=false\\ncreate table t as select 1 where exists (select 1)",
        "non-idempotent-outside-transaction|-- msr:transaction=false\\ncreate materialized view m as select 1",
        "validate-in-same-transaction|alter table orders add constraint \"Amount\" check (amount > 0) not valid;"
                + " alter table public.orders validate constraint \"Amount\""
    })
    void reportsEachRule(String rule, String sql) {
        assertThat(rules(lines(sql) + ";")).contains(rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "alter table users add column age int",
        "alter table users add column age int not null default 0",
        "alter table users add column created_at timestamptz not null default now()",
        "-- msr:transaction=false\\ncreate index concurrently if not exists users_email_idx on users (email)",
        "alter table orders add constraint orders_user_fk foreign key (user_id) references users (id) not valid",
        "alter table orders validate constraint orders_user_fk",
        "alter table orders drop constraint orders_user_fk",
        "alter table orders rename constraint a to b",
        "alter table users alter column email drop not null",
        "alter table users alter column email set default ''",
        "alter table users add primary key using index users_pkey_idx",
        "vacuum users",
        "insert into notes (body) values ('alter table users drop column x; drop table users')",
        "do $$ begin execute 'drop table users'; end $$",
        "savepoint s; rollback work to savepoint s; rollback to s; release savepoint s",
        "commit prepared 'x'",
        "-- drop table users\\nselect 1",
        "create table users (id int not null, email text not null references accounts (email))",
        "alter table users add constraint users_email_key unique using index users_email_idx",
        "alter table users add column active boolean not null default true",
        "alter table users add column created_at timestamptz default current_timestamp",
        "alter table users add column note text default 'random()'",
        "alter table users add column note text default $$gen_random_uuid()$$",
        "-- msr:transaction=false\\ndrop index concurrently if exists public.users_email_idx",
        "-- msr:transaction=false\\nreindex (verbose) index concurrently users_email_idx",
        "-- msr:transaction=false\\nalter table events detach partition events_2024 concurrently",
        "alter table events detach partition events_2024 finalize",
        "-- create index concurrently x on users (email)\\nselect 'create index concurrently x on y (z)'",
        "refresh materialized view concurrently totals",
        "savepoint s1; rollback to savepoint s1; release savepoint s1",
        "do $$ begin perform 1; commit; end $$",
        "create function f() returns int language sql begin atomic select 1; end",
        "-- msr:transaction=false\\nbegin",
        "truncate table users",
        "select 'truncate users cascade; drop database x'",
        "drop schema if exists \"drop database\" cascade",
        "-- msr:transaction=false\\ncreate index concurrently if not exists i on users (email);"
                + " drop index concurrently if exists j; alter table users add column if not exists note text",
        "-- msr:transaction=false\\ncreate or replace view v as select 1",
        "alter table orders add constraint c check (amount > 0) not valid;"
                + " alter table orders validate constraint d",
        "create table users (id int, email varchar(10), at timestamp, doc json, n serial)"
    })
    void staysQuietOnSafeStatements(String sql) {
        assertThat(rules(lines(sql) + ";")).isEmpty();
    }

    @Test
    void aHugeStatementIsLintedFromItsHeadWithoutKeepingAllItsTokens() {
        StringBuilder insert = new StringBuilder("insert into accounts (id, name) values (0, 'a')");
        for (int i = 1; i < 60_000; i++) {
            insert.append(", (").append(i).append(", 'a')");
        }
        SqlStatement statement = new SqlStatement(insert.append(';').toString(), 0);
        assertThat(MigrationLinter.tokens(statement)).hasSize(MigrationLinter.MAX_TOKENS);
        // Read from its head, the INSERT still gives the table rows: a plain CREATE INDEX on it after is reported.
        assertThat(rules("create table accounts (id bigint, name text);\n" + statement.sql()
                + "\ncreate index accounts_name on accounts (name);")).contains("create-index-not-concurrently");
    }

    @Test
    void treatsTablesCreatedEarlierInTheRunAsNew() {
        assertThat(rules("create table accounts (id int primary key);",
                "create index accounts_id_idx on accounts (id);\n"
                        + "alter table accounts add column owner int not null, add constraint c check (id > 0);\n"
                        + "alter table public.accounts alter column owner type bigint;\n"
                        + "drop table accounts;")).isEmpty();
    }

    private static List<String> rules(LintOptions options, String... sql) {
        List<ResolvedMigration> pending = new java.util.ArrayList<>();
        for (int i = 0; i < sql.length; i++) {
            pending.add(migration(i + 1, sql[i]));
        }
        return MigrationLinter.lint(pending, options).stream().map(finding -> finding.rule().id()).toList();
    }

    @Test
    void readsPlaceholderQualifiedNamesAsTheNamesTheyBecome() {
        assertThat(rules("alter table ${msr:schema}.users drop column name;",
                "create table ${schema}.accounts (id int);\ncreate index accounts_idx on ${SCHEMA}.accounts (id);",
                "alter table ${prefix}_orders rename column note to notes;"))
                .as("the drop and rename are seen; the table created earlier in the run is new")
                .containsExactly("drop-column", "rename-column");
    }

    @Test
    void leavesTheRulesAboutThePreviousVersionOutOfAPostDeployMigration() {
        ResolvedMigration contract = migration(1, "-- msr:phase=post-deploy\nalter table users drop column name;\n"
                + "alter table users alter column email set not null;\ncreate index users_idx on users (email);");
        assertThat(MigrationLinter.lint(List.of(contract), Set.of())).extracting(finding -> finding.rule().id())
                .containsExactly("create-index-not-concurrently");
        assertThat(MigrationLinter.lint(List.of(migration(1, "alter table users drop column name;")), Set.of()))
                .singleElement().satisfies(finding -> assertThat(finding.message())
                        .contains("Or mark the migration post-deploy (-- msr:phase=post-deploy)"));
    }

    @Test
    void treatsMaterializedViewsPartitionsAndTablesMadeFromQueriesAsNew() {
        assertThat(rules("create materialized view totals as select user_id, sum(amount) from orders group by 1;\n"
                + "create unique index totals_user_idx on totals (user_id);",
                "create table \"Archive\".old_orders as select * from orders;"
                        + " create index old_orders_idx on \"Archive\".old_orders (id);",
                "select * into temp report from orders; alter table report add primary key (id);",
                "create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');"
                        + " create index e_idx on events_2025 (at); alter table events_2025 alter at set not null;"))
                .isEmpty();
    }

    @Test
    void aNewTableThatReceivedRowsIsNoLongerEmpty() {
        assertThat(rules("create table accounts (id bigint);",
                "insert into public.accounts (id) select id from users;",
                "create index accounts_id_idx on accounts (id); alter table accounts alter id set not null;"
                        + " drop table accounts;"))
                .containsExactly("create-index-not-concurrently", "set-not-null");
        assertThat(rules("create table a (id bigint); copy a from stdin; alter table a add unique (id);"))
                .containsExactly("add-unique-without-index");
    }

    @Test
    void aConstantDefaultIsFreeSincePostgres11() {
        String sql = "alter table users add column active boolean not null default true;";
        assertThat(rules(LintOptions.defaults().withPostgresVersion(10), sql))
                .containsExactly("add-column-volatile-default");
        assertThat(rules(LintOptions.defaults().withPostgresVersion(11), sql)).isEmpty();
        assertThat(rules(LintOptions.defaults().withPostgresVersion(10),
                "alter table users add column note text default null;")).isEmpty();
    }

    @Test
    void setNotNullIsCheapOn12WhenAValidatedCheckExists() {
        String[] run = {"alter table users add constraint users_email_nn check (email is not null) not valid;",
            "alter table users validate constraint users_email_nn;",
            "alter table users alter column email set not null;"};
        assertThat(rules(LintOptions.defaults().withPostgresVersion(12), run)).isEmpty();
        assertThat(rules(LintOptions.defaults().withPostgresVersion(11), run)).containsExactly("set-not-null");
        assertThat(rules(LintOptions.defaults(), run[0], "alter table users alter column email set not null;"))
                .as("the check is not validated yet").containsExactly("set-not-null");
    }

    @Test
    void validateInTheNextMigrationIsFineUnlessTheBatchSharesOneTransaction() {
        String add = "alter table orders add constraint c check (amount > 0) not valid;";
        String validate = "alter table orders validate constraint c;";
        assertThat(rules(add, validate)).isEmpty();
        assertThat(rules(new LintOptions(Set.of(), Set.of(), 18, io.msr.TransactionMode.PER_BATCH), add, validate))
                .containsExactly("validate-in-same-transaction");
        assertThat(rules("-- msr:transaction=false\n" + add + " " + validate)).isEmpty();
    }

    @Test
    void aConcurrentlyStatementInATransactionalFileIsAnError() {
        ResolvedMigration migration = migration(3, "select 1;\ncreate index concurrently i on users (email);");
        LintFinding finding = MigrationLinter.lint(List.of(migration), Set.of()).get(0);
        assertThat(finding.rule()).isEqualTo(LintRule.CONCURRENTLY_IN_TRANSACTION);
        assertThat(finding.error()).isTrue();
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.message()).contains("-- msr:transaction=false").doesNotContain("msr:allow");
        assertThat(rules(new LintOptions(Set.of(), Set.of(), 18, io.msr.TransactionMode.NONE),
                "create index concurrently if not exists i on users (email);")).isEmpty();
    }

    @Test
    void reportsAnAllowanceThatSilencedNothingAtItsLine() {
        ResolvedMigration migration = migration(4, "-- msr:transaction=true\n-- msr:allow=drop-table,drop-column\n"
                + "drop table users;");
        List<LintFinding> findings = MigrationLinter.lint(List.of(migration), Set.of());
        assertThat(findings).extracting(finding -> finding.rule().id()).containsExactly("unused-allow");
        assertThat(findings.get(0).line()).isEqualTo(2);
        assertThat(findings.get(0).message()).contains("msr:allow=drop-column");
        assertThat(rules("-- msr:allow=drop-column,unused-allow\nselect 1;")).isEmpty();
        assertThat(MigrationLinter.lint(List.of(migration(1, "-- msr:allow=drop-column\nselect 1;")),
                Set.of("drop-column"))).as("a disabled rule's allowance is not reported").isEmpty();
    }

    @Test
    void styleRulesAreOffUntilEnabled() {
        String sql = "create table public.\"Users\" (\"id\" serial primary key, email varchar(255), doc json,"
                + " at timestamp(3), at2 timestamp with time zone, n int4 references x (id), \"int\" text,"
                + " constraint c check (n > 0));\nalter table t add column c2 smallint, alter column c3 type json;";
        assertThat(rules(sql)).containsExactly("change-column-type");
        LintOptions style = LintOptions.defaults().withEnabledRules(Set.of("prefer-bigint", "prefer-identity",
                "prefer-text", "prefer-timestamptz", "prefer-jsonb"));
        assertThat(rules(style, sql)).containsExactly("prefer-bigint", "prefer-identity", "prefer-text",
                "prefer-jsonb", "prefer-timestamptz", "prefer-bigint", "prefer-bigint", "change-column-type",
                "prefer-jsonb");
    }

    @Test
    void findsEachOfSeveralStatementsOnALineAtItsLine() {
        ResolvedMigration migration = migration(5, "/* $$ ; */ select ';'; drop index i; truncate t cascade;\n"
                + "select $x$ drop database d; $x$; drop database \"d\";");
        assertThat(MigrationLinter.lint(List.of(migration), Set.of()))
                .extracting(finding -> finding.rule().id() + "@" + finding.line())
                .containsExactly("drop-index-not-concurrently@1", "truncate-cascade@1", "drop-database@2");
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
            // a BEGIN ATOMIC body's semicolons belong to its statement, and no rule reads inside CREATE FUNCTION;
            // a semicolon inside parentheses (a rule's actions) does not end one either
            boolean atomicBody = tokens.stream().anyMatch(token -> token.is("ATOMIC"));
            int depth = 0;
            for (int i = 0; i < tokens.size() - 1 && !atomicBody; i++) {
                SqlToken token = tokens.get(i);
                depth += token.isSymbol("(") || token.isSymbol("[") ? 1 : token.isSymbol(")") || token.isSymbol("]") ? -1 : 0;
                assertThat(token.isSymbol(";") && depth == 0).as("a semicolon before the end of: %s", statement.sql())
                        .isFalse();
            }
        }
    }
}
