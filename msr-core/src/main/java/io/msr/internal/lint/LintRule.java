package io.msr.internal.lint;

import org.jspecify.annotations.Nullable;

/**
 * The statements that block traffic or break the previous application version during a rolling update, those that
 * cannot run as written, and the style rules, each with the safe way to reach the same result and a bad and a good
 * example (the page {@code docs/lint-rules.md} is generated from them, see {@link LintRuleDocs}). Ids are used in
 * findings, in {@code -- msr:allow=<id>}, in {@code msr.lint.disabled-rules} and {@code msr.lint.enabled-rules}.
 */
public enum LintRule {

    /** Adding a NOT NULL column without a default breaks inserts of the previous version. */
    ADD_COLUMN_NOT_NULL("add-column-not-null", Level.WARNING, "adding a NOT NULL column without a DEFAULT breaks the"
            + " previous version's inserts", "add the column nullable (or with a DEFAULT), backfill, then add the"
            + " constraint in a later release",
            "alter table users add column age int not null;",
            "alter table users add column age int;"),
    /** SET NOT NULL scans the table under an exclusive lock and breaks the previous version's inserts. */
    SET_NOT_NULL("set-not-null", Level.WARNING, "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
            "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT NULL"
                    + " (PostgreSQL 12+ skips the scan when such a constraint is validated)",
            "alter table users alter column email set not null;",
            "alter table users add constraint users_email_nn check (email is not null) not valid;\n"
                    + "-- in a later migration:\n"
                    + "alter table users validate constraint users_email_nn;\n"
                    + "alter table users alter column email set not null;"),
    /** A plain CREATE INDEX blocks writes to the table while it builds. */
    CREATE_INDEX_NOT_CONCURRENTLY("create-index-not-concurrently", Level.WARNING, "CREATE INDEX without"
            + " CONCURRENTLY blocks writes to an existing table while the index builds", "use CREATE INDEX"
            + " CONCURRENTLY in its own migration with -- msr:transaction=false",
            "create index users_email_idx on users (email);",
            "-- msr:transaction=false\ncreate index concurrently if not exists users_email_idx on users (email);"),
    /** A foreign key or check constraint without NOT VALID scans the table while holding locks. */
    CONSTRAINT_WITHOUT_NOT_VALID("constraint-without-not-valid", Level.WARNING, "adding a FOREIGN KEY or CHECK"
            + " constraint validates every row while holding a lock that blocks writes", "add it with NOT VALID,"
            + " then VALIDATE CONSTRAINT in a separate migration",
            "alter table orders add constraint orders_user_fk foreign key (user_id) references users (id);",
            "alter table orders add constraint orders_user_fk foreign key (user_id) references users (id) not valid;"),
    /** UNIQUE or PRIMARY KEY without USING INDEX builds the index under an exclusive lock. */
    ADD_UNIQUE_WITHOUT_INDEX("add-unique-without-index", Level.WARNING, "adding a UNIQUE or PRIMARY KEY constraint"
            + " builds its index under an ACCESS EXCLUSIVE lock that blocks reads and writes", "CREATE UNIQUE INDEX"
            + " CONCURRENTLY in a migration with -- msr:transaction=false, then ADD CONSTRAINT ... UNIQUE USING INDEX"
            + " (or PRIMARY KEY USING INDEX)",
            "alter table users add constraint users_email_key unique (email);",
            "alter table users add constraint users_email_key unique using index users_email_idx;"),
    /** A volatile default, a stored generated column or a serial type rewrites the table. */
    ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default", Level.WARNING, "adding a column with a volatile"
            + " DEFAULT (or any DEFAULT before PostgreSQL 11), GENERATED ... STORED, an identity or a serial type"
            + " rewrites the whole table under an ACCESS EXCLUSIVE lock", "add the column without the default,"
            + " set the default for new rows with ALTER COLUMN ... SET DEFAULT, and backfill existing rows in batches",
            "alter table users add column token uuid default gen_random_uuid();",
            "alter table users add column token uuid;\nalter table users alter column token set default"
                    + " gen_random_uuid();"),
    /** Changing a column's type usually rewrites the table and breaks the previous version. */
    CHANGE_COLUMN_TYPE("change-column-type", Level.WARNING, "changing a column's type usually rewrites the table"
            + " under an ACCESS EXCLUSIVE lock, and the previous version may not read the new type", "add a new"
            + " column, write both, backfill, switch reads, then drop the old column in a later release",
            "alter table users alter column id type bigint;",
            "alter table users add column id_new bigint;"),
    /** Dropping a column breaks the previous version, which still reads it. */
    DROP_COLUMN("drop-column", Level.WARNING, "dropping a column breaks the previous version, which still uses it",
            "stop using the column in one release, drop it in the next",
            "alter table users drop column legacy;",
            "-- msr:allow=drop-column\n-- nothing has read users.legacy since release 41\n"
                    + "alter table users drop column legacy;"),
    /** Renaming a column breaks the previous version. */
    RENAME_COLUMN("rename-column", Level.WARNING, "renaming a column breaks the previous version, which uses the"
            + " old name", "add the new column and copy (or a view), switch the application, drop the old column"
            + " later",
            "alter table users rename column name to full_name;",
            "alter table users add column full_name text;"),
    /** Dropping a table breaks the previous version. */
    DROP_TABLE("drop-table", Level.WARNING, "dropping a table breaks the previous version, which still uses it",
            "stop using the table in one release, drop it in the next",
            "drop table users;",
            "create table scratch (id int);\ndrop table scratch;"),
    /** Renaming a table breaks the previous version. */
    RENAME_TABLE("rename-table", Level.WARNING, "renaming a table breaks the previous version, which uses the old"
            + " name", "create the new table (or a view under the old name), switch the application, drop the old"
            + " one later",
            "alter table users rename to customers;",
            "create table customers (id bigint);"),
    /** DROP INDEX without CONCURRENTLY blocks the table. */
    DROP_INDEX_NOT_CONCURRENTLY("drop-index-not-concurrently", Level.WARNING, "DROP INDEX without CONCURRENTLY"
            + " takes an ACCESS EXCLUSIVE lock on the index's table, blocking reads and writes",
            "use DROP INDEX CONCURRENTLY IF EXISTS in its own migration with -- msr:transaction=false",
            "drop index users_email_idx;",
            "-- msr:transaction=false\ndrop index concurrently if exists users_email_idx;"),
    /** REINDEX without CONCURRENTLY blocks writes (and reads through the index). */
    REINDEX_NOT_CONCURRENTLY("reindex-not-concurrently", Level.WARNING, "REINDEX without CONCURRENTLY blocks"
            + " writes to the table and reads that use the index while it rebuilds", "use REINDEX ... CONCURRENTLY"
            + " (PostgreSQL 12+) in its own migration with -- msr:transaction=false",
            "reindex index users_email_idx;",
            "-- msr:transaction=false\nreindex index concurrently users_email_idx;"),
    /** DETACH PARTITION without CONCURRENTLY blocks the parent table. */
    DETACH_PARTITION_NOT_CONCURRENTLY("detach-partition-not-concurrently", Level.WARNING, "DETACH PARTITION without"
            + " CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the parent table", "use DETACH PARTITION ..."
            + " CONCURRENTLY (PostgreSQL 14+) in its own migration with -- msr:transaction=false",
            "alter table events detach partition events_2024;",
            "-- msr:transaction=false\nalter table events detach partition events_2024 concurrently;"),
    /** A CONCURRENTLY statement cannot run inside a transaction block. */
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", Level.ERROR, "a CONCURRENTLY statement cannot run"
            + " inside a transaction block, and this file runs in one, so PostgreSQL would reject it at deploy time",
            "put the statement in its own migration whose first line is -- msr:transaction=false",
            "create index concurrently users_email_idx on users (email);",
            "-- msr:transaction=false\ncreate index concurrently if not exists users_email_idx on users (email);"),
    /** Transaction control inside a file MSR wraps in a transaction. */
    TRANSACTION_CONTROL("transaction-control", Level.ERROR, "BEGIN, COMMIT, END or ROLLBACK inside a file MSR runs"
            + " in a transaction would end MSR's transaction early: what comes before it would commit on its own, and"
            + " the rest, with the history row, in another transaction, so a failure would leave the migration half"
            + " applied and unrecorded", "leave transaction control to MSR; for work that must commit separately use"
            + " separate migrations, or make the file run outside a transaction with the first line"
            + " -- msr:transaction=false, where BEGIN and COMMIT group statements",
            "begin;\nupdate users set active = true;\ncommit;",
            "update users set active = true;"),
    /** A non-transactional file whose statements fail when run a second time. */
    NON_IDEMPOTENT_OUTSIDE_TRANSACTION("non-idempotent-outside-transaction", Level.WARNING, "a statement without"
            + " IF [NOT] EXISTS in a file that runs outside a transaction fails when the file is run again after a"
            + " failure part-way, so it cannot be retried safely", "write CREATE ... IF NOT EXISTS and DROP ... IF"
            + " EXISTS (ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS) in non-transactional files",
            "-- msr:transaction=false\ncreate index concurrently users_email_idx on users (email);",
            "-- msr:transaction=false\ncreate index concurrently if not exists users_email_idx on users (email);"),
    /** VALIDATE CONSTRAINT in the same transaction as its NOT VALID add gains nothing. */
    VALIDATE_IN_SAME_TRANSACTION("validate-in-same-transaction", Level.WARNING, "VALIDATE CONSTRAINT in the same"
            + " transaction as the NOT VALID add keeps the add's lock, which blocks writes, while every row is"
            + " checked: NOT VALID gains nothing", "validate the constraint in a later migration",
            "alter table orders add constraint orders_amount_check check (amount > 0) not valid;\n"
                    + "alter table orders validate constraint orders_amount_check;",
            "alter table orders add constraint orders_amount_check check (amount > 0) not valid;"),
    /** TRUNCATE ... CASCADE empties every table that references this one. */
    TRUNCATE_CASCADE("truncate-cascade", Level.WARNING, "TRUNCATE ... CASCADE also empties every table that"
            + " references the truncated ones, under ACCESS EXCLUSIVE locks", "name each table to truncate, or"
            + " delete the rows you mean to delete",
            "truncate table users cascade;",
            "truncate table import_staging;"),
    /** DROP DATABASE in a migration. */
    DROP_DATABASE("drop-database", Level.WARNING, "DROP DATABASE destroys a whole database, and cannot run in a"
            + " transaction", "drop databases by hand, outside the migrations",
            "drop database legacy;",
            "drop schema if exists legacy_import cascade;"),
    /** VACUUM FULL rewrites the table under an exclusive lock. */
    VACUUM_FULL("vacuum-full", Level.WARNING, "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock",
            "use plain VACUUM, or pg_repack outside the deployment",
            "vacuum full users;",
            "vacuum users;"),
    /** CLUSTER rewrites the table under an exclusive lock. */
    CLUSTER("cluster", Level.WARNING, "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock",
            "run it outside the deployment (pg_repack can reorder without the long lock)",
            "cluster users using users_pkey;",
            "analyze users;"),
    /** LOCK TABLE holds a lock that queues the application's queries. */
    LOCK_TABLE("lock-table", Level.WARNING, "LOCK TABLE queues the application's queries behind the migration",
            "drop the explicit lock; rely on the statement's own locks and msr.postgres.lock-timeout",
            "lock table users in access exclusive mode;",
            "update users set active = true where id = 1;"),
    /** An msr:allow that silenced nothing. */
    UNUSED_ALLOW("unused-allow", Level.WARNING, "this msr:allow silenced nothing: no statement of the file breaks"
            + " the rule, so the allowance would hide a later, unintended one", "remove the rule from -- msr:allow",
            "-- msr:allow=drop-table\nalter table users add column note text;",
            "alter table users add column note text;"),
    /** Style: a 32- or 16-bit integer column. */
    PREFER_BIGINT("prefer-bigint", Level.STYLE, "an int or smallint column runs out of values (2^31) sooner than"
            + " expected, and widening it later rewrites the table", "use bigint",
            "create table users (id int primary key);",
            "create table users (id bigint primary key);"),
    /** Style: a serial column. */
    PREFER_IDENTITY("prefer-identity", Level.STYLE, "serial types create a sequence the column does not own in SQL"
            + " standard terms, with awkward permissions and copies", "use bigint GENERATED ALWAYS AS IDENTITY",
            "create table users (id bigserial primary key);",
            "create table users (id bigint generated always as identity primary key);"),
    /** Style: a length-limited character column. */
    PREFER_TEXT("prefer-text", Level.STYLE, "varchar(n) and char(n) enforce a length that is costly to change"
            + " (a smaller limit scans the table)", "use text, with a CHECK (length(col) <= n) if a limit is needed",
            "create table users (email varchar(255));",
            "create table users (email text check (length(email) <= 255));"),
    /** Style: a timestamp without time zone. */
    PREFER_TIMESTAMPTZ("prefer-timestamptz", Level.STYLE, "timestamp without time zone stores wall-clock time, which"
            + " is ambiguous across time zones and daylight saving changes", "use timestamptz",
            "create table events (at timestamp);",
            "create table events (at timestamptz);"),
    /** Style: a json column. */
    PREFER_JSONB("prefer-jsonb", Level.STYLE, "json stores the text as written: it cannot be indexed with GIN and is"
            + " parsed again on every access", "use jsonb",
            "create table events (payload json);",
            "create table events (payload jsonb);");

    /** How a rule's findings count. */
    public enum Level {
        /** On by default; a warning, an error with {@code msr.strict}. */
        WARNING,
        /** On by default; always an error: the migration cannot run as written. */
        ERROR,
        /** Off by default, on with {@code msr.lint.enabled-rules}; a warning. */
        STYLE
    }

    private final String id;
    private final Level level;
    private final String problem;
    private final String safeAlternative;
    private final String bad;
    private final String good;

    LintRule(String id, Level level, String problem, String safeAlternative, String bad, String good) {
        this.id = id;
        this.level = level;
        this.problem = problem;
        this.safeAlternative = safeAlternative;
        this.bad = bad;
        this.good = good;
    }

    /** Returns the rule id, e.g. {@code set-not-null}. */
    public String id() {
        return id;
    }

    /** Returns how its findings count. */
    public Level level() {
        return level;
    }

    /** Returns true when a finding is always an error, whatever {@code msr.strict} says. */
    public boolean error() {
        return level == Level.ERROR;
    }

    /** Returns true when the rule is reported without being named in {@code msr.lint.enabled-rules}. */
    public boolean enabledByDefault() {
        return level != Level.STYLE;
    }

    /**
     * Returns true when the rule is only about the previous application version, which still runs while a
     * pre-deploy migration applies: such a statement is fine in a post-deploy migration ({@code -- msr:phase=
     * post-deploy}), which runs once every replica runs the new code, and is not reported there.
     */
    public boolean breaksPreviousVersion() {
        return switch (this) {
            case ADD_COLUMN_NOT_NULL, SET_NOT_NULL, DROP_COLUMN, RENAME_COLUMN, DROP_TABLE, RENAME_TABLE -> true;
            default -> false;
        };
    }

    /** Returns what goes wrong. */
    public String problem() {
        return problem;
    }

    /** Returns the safe way to reach the same result. */
    public String safeAlternative() {
        return safeAlternative;
    }

    /** Returns a migration file the rule reports, on an existing table {@code users}, {@code orders} or similar. */
    public String badExample() {
        return bad;
    }

    /** Returns a migration file reaching the same (or the safe first step of it) that the rule does not report. */
    public String goodExample() {
        return good;
    }

    /** Returns the rule with the id, or null. */
    public static @Nullable LintRule byId(String id) {
        for (LintRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        return null;
    }
}
