package io.msr;

import io.msr.ExecutedMigration.Outcome;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@WithPostgres
class MigrateTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    MigrateTest(TestDatabase db) {
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

    private Msr msr(MsrSettings.Builder settings, JavaMigration... java) {
        return folder.msr(db, settings.build(), java);
    }

    private Msr msr() {
        return msr(settings());
    }

    private long count(String sql) {
        return db.queryForObject(sql, Long.class);
    }

    private String history() {
        return schema + ".msr_schema_history";
    }

    @Test
    void appliesMigrationsInVersionOrderAcrossFoldersAndRecordsThem() {
        folder.write("b/V1_create_users.up.sql", "create table " + schema_("users") + " (id int primary key);")
                .write("a/V2_add_name.up.sql", "alter table " + schema_("users") + " add column name text;")
                .write("V10_seed.up.sql", "insert into " + schema_("users") + " values (1, 'ada');");

        OperationResult result = msr().migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(1L), Version.of(2L), Version.of(10L));
        assertThat(result.schemaVersionBefore()).isNull();
        assertThat(result.schemaVersionAfter()).isEqualTo(Version.of(10L));
        assertThat(db.queryForStrings("select version || ' ' || operation || ' ' || success || ' ' || installed_by || ' '"
                + " || description || ' ' || length(checksum) from " + history() + " order by id"))
                .containsExactly("1 UP true " + db.username() + " create users 64",
                        "2 UP true " + db.username() + " add name 64", "10 UP true " + db.username() + " seed 64");
        assertThat(result.toJson()).contains("\"operation\":\"MIGRATE\"").contains("\"schemaVersionAfter\":10");
    }

    @Test
    void honoursTheTargetOfTheSettings() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);")
                .write("V2_b.up.sql", "create table " + schema_("b") + " (id int);");
        OperationResult result = folder.msr(db, folder.settings().schema(schema).target(Version.of(1L)).build()).migrate();
        assertThat(result.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(1L));
        assertThat(result.schemaVersionAfter()).isEqualTo(Version.of(1L));
    }

    @Test
    void hasNothingToDoOnTheSecondRun() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);");
        msr().migrate();
        OperationResult again = msr().migrate();
        assertThat(again.success()).isTrue();
        assertThat(again.executed()).isEmpty();
        assertThat(again.schemaVersionBefore()).isEqualTo(Version.of(1L)).isEqualTo(again.schemaVersionAfter());
        assertThat(count("select count(*) from " + history())).isEqualTo(1);
    }

    @Test
    void createsNoHistoryTableWhenThereIsNothingToApply() {
        OperationResult result = msr().migrate();
        assertThat(result.executed()).isEmpty();
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "'")).isZero();
    }

    @Test
    void reportsTheLineOfASqlErrorAndRollsTheMigrationBack() {
        folder.write("V1_ok.up.sql", "create table " + schema_("ok") + " (id int);")
                .write("V2_broken.up.sql", "create table " + schema_("partial") + " (id int);\n"
                        + "-- a comment line\n"
                        + "insert into " + schema_("partial") + " values (1);\n"
                        + "insert into " + schema_("partial") + "\n"
                        + "  values (2, 'too many');\n");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class, () -> msr().migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.version()).contains(Version.of(2L));
        assertThat(error.script()).contains("V2_broken.up.sql");
        assertThat(error.line()).contains(5);
        assertThat(error.sqlState()).contains("42601");
        assertThat(error.getMessage()).contains("V2 (V2_broken.up.sql, line 5)").contains("rolled back");
        assertThat(count("select count(*) from pg_tables where tablename = 'partial'")).isZero();
        assertThat(db.queryForStrings("select version || ' ' || success from " + history())).containsExactly("1 true");
        OperationResult partial = error.result().orElseThrow();
        assertThat(partial.executed()).extracting(ExecutedMigration::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED);
        assertThat(partial.schemaVersionAfter()).isEqualTo(Version.of(1L));
        assertThat(partial.toJson()).contains("\"line\":5").contains("\"exitCode\":3");
    }

    @Test
    void reportsTheLineOfAnErrorInTheMiddleOfAStatementSpanningLines() {
        folder.write("V1_bad.up.sql", "select 1;\n\nselect\n  1 +\n  nosuchcolumn\nfrom (select 1) t;\n");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class, () -> msr().migrate());
        assertThat(error.line()).contains(5);
        assertThat(error.sqlState()).contains("42703");
    }

    @Test
    void failsOnAScriptThatEndsInsideACommentInsteadOfSkippingItsRest() {
        folder.write("V1_open_comment.up.sql", "create table " + schema_("a") + " (id int);\n"
                + "/* never closed\ncreate table " + schema_("b") + " (id int);\n");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class, () -> msr().migrate());
        assertThat(error.sqlState()).contains("42601");
        assertThat(error.line()).contains(2);
        assertThat(error.getMessage()).contains("unterminated /* comment");
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "' and tablename = 'a'"))
                .isZero();
    }

    @Test
    void runsDollarQuotedFunctionsDoBlocksAndSemicolonsInStrings() {
        folder.write("V1_functions.up.sql", """
                create table %1$s.notes (body text);
                insert into %1$s.notes values ('a; b'), ($q$c; 'd'$q$);
                -- a comment; with a semicolon
                create function %1$s.twice(x int) returns int language plpgsql as $$
                begin
                  return x * 2; -- still inside
                end;
                $$;
                do $$ begin insert into %1$s.notes values ('from do; block'); end $$;
                /* block comment; /* nested; */ still comment */
                """.formatted(schema));
        msr().migrate();
        assertThat(db.queryForStrings("select body from " + schema_("notes") + " order by body"))
                .containsExactly("a; b", "c; 'd'", "from do; block");
        assertThat(count("select " + schema + ".twice(21)::bigint")).isEqualTo(42);
    }

    @Test
    void runsJavaMigrationsInsideTheirTransaction() {
        folder.write("V1_table.up.sql", "create table " + schema_("t") + " (v text);");
        JavaMigration insert = new JavaMigration() {
            @Override
            public Version version() {
                return Version.of(2);
            }

            @Override
            public String description() {
                return "insert from java";
            }

            @Override
            public void up(MigrationContext context) throws Exception {
                assertThat(context.connection().getAutoCommit()).isFalse();
                try (Statement statement = context.connection().createStatement()) {
                    statement.execute("insert into " + schema_("t") + " values ('java')");
                }
            }
        };
        OperationResult result = msr(settings(), insert).migrate();
        assertThat(result.executed()).extracting(ExecutedMigration::type)
                .containsExactly(MigrationType.SQL, MigrationType.JAVA);
        assertThat(db.queryForStrings("select v from " + schema_("t"))).containsExactly("java");
        assertThat(db.queryForStrings("select type || ' ' || description from " + history() + " where version = 2"))
                .containsExactly("JAVA insert from java");
    }

    @Test
    void rollsBackEveryMigrationOfAFailedBatch() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);")
                .write("V2_b.up.sql", "create table " + schema_("b") + " (id int);")
                .write("V3_c.up.sql", "select * from nowhere;");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(settings().transactionMode(TransactionMode.PER_BATCH)).migrate());
        assertThat(error.version()).contains(Version.of(3L));
        assertThat(error.result().orElseThrow().executed()).extracting(ExecutedMigration::outcome)
                .containsExactly(Outcome.ROLLED_BACK, Outcome.ROLLED_BACK, Outcome.FAILED);
        assertThat(error.result().orElseThrow().schemaVersionAfter()).isNull();
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "' and tablename in ('a','b')"))
                .isZero();
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "'"))
                .as("the history table was created in the batch's transaction, so it is gone too").isZero();
    }

    @Test
    void aFailedNonTransactionalMigrationBlocksTheNextRunUntilRepaired() {
        folder.write("V1_t.up.sql", "create table " + schema_("t") + " (a int);")
                .write("V2_index.up.sql", "-- msr:transaction=false\ncreate index concurrently t_a on " + schema_("t")
                        + " (a);\nselect * from nowhere;\n");
        assertThatThrownBy(() -> msr().migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("outside a transaction");
        assertThat(count("select count(*) from pg_indexes where indexname = 't_a'")).isEqualTo(1);
        assertThat(db.queryForStrings("select version || ' ' || operation || ' ' || success from " + history()
                + " order by id")).containsExactly("1 UP true", "2 STARTED false", "2 UP false");

        ValidationException blocked = catchThrowableOfType(ValidationException.class, () -> msr().migrate());
        assertThat(blocked.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(blocked.getMessage()).contains("V2").contains("V2_index.up.sql").contains("repair");

        folder.write("V2_index.up.sql", "-- msr:transaction=false\ncreate index concurrently if not exists t_a on "
                + schema_("t") + " (a);\n");
        OperationResult repair = msr().repair();
        assertThat(repair.notes()).singleElement().asString().contains("V2");
        assertThat(msr().migrate().executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(2L));
        assertThat(msr().info().inState(MigrationState.APPLIED)).hasSize(2);
    }

    @Test
    void validationFailuresLeaveTheDatabaseUnchanged() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);")
                .write("V1_again.up.sql", "create table " + schema_("b") + " (id int);")
                .write("V2__flyway_style.sql", "select 1;");
        ValidationException error = catchThrowableOfType(ValidationException.class, () -> msr().migrate());
        assertThat(error.issues()).extracting(Issue::code).containsExactlyInAnyOrder("MALFORMED_NAME", "DUPLICATE_VERSION");
        assertThat(error.getMessage()).contains("did you mean V2_flyway_style.up.sql?")
                .contains("V1_a.up.sql").contains("V1_again.up.sql");
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "'")).isZero();
    }

    @Test
    void rejectsAnAppliedMigrationEditedAfterwards() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);");
        msr().migrate();
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id bigint);")
                .write("V2_b.up.sql", "create table " + schema_("b") + " (id int);");
        ValidationException error = catchThrowableOfType(ValidationException.class, () -> msr().migrate());
        assertThat(error.getMessage()).contains("V1 (V1_a.up.sql) was edited after it was applied");
        assertThat(count("select count(*) from pg_tables where tablename = 'b' and schemaname = '" + schema + "'")).isZero();

        OperationResult notForced = msr().repair();
        assertThat(notForced.warnings()).singleElement().asString().contains("msr.force=true");
        msr(settings().force(true)).repair();
        assertThat(msr().migrate().executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(2L));
    }

    @Test
    void stopsAtTheTargetVersion() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);")
                .write("V2_b.up.sql", "create table " + schema_("b") + " (id int);");
        assertThat(msr().migrate(1).executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(1L));
        assertThat(msr().info().inState(MigrationState.PENDING)).extracting(MigrationInfo::version).containsExactly(Version.of(2L));
    }

    @Test
    void revertsNewestFirstAndRecordsDownRows() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);")
                .write("V1_a.down.sql", "drop table " + schema_("a") + ";")
                .write("V2_b.up.sql", "create table " + schema_("b") + " (id int);")
                .write("V2_b.down.sql", "drop table " + schema_("b") + ";");
        msr().migrate();
        OperationResult down = msr().down(0);
        assertThat(down.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(2L), Version.of(1L));
        assertThat(down.schemaVersionAfter()).isNull();
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "' and tablename not like 'msr\\_schema\\_history%'")).isZero();
        assertThat(db.queryForStrings("select version || ' ' || operation from " + history() + " order by id"))
                .containsExactly("1 UP", "2 UP", "2 DOWN", "1 DOWN");
        assertThat(msr().migrate().executed()).hasSize(2);
    }

    @Test
    void refusesToRevertAMigrationWithoutDownBeforeRunningAnything() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);")
                .write("V2_b.up.sql", "create table " + schema_("b") + " (id int);")
                .write("V3_c.up.sql", "create table " + schema_("c") + " (id int);")
                .write("V3_c.down.sql", "drop table " + schema_("c") + ";");
        msr().migrate();
        DownFailedException error = catchThrowableOfType(DownFailedException.class, () -> msr().down(1));
        assertThat(error.exitCode()).isEqualTo(ExitCode.ROLLBACK_FAILED);
        assertThat(error.getMessage()).contains("V2").contains("add V2_b.down.sql").contains("Nothing was reverted");
        assertThat(count("select count(*) from pg_tables where tablename = 'c' and schemaname = '" + schema + "'")).isEqualTo(1);
    }

    @Test
    void infoReportsEveryStateAndTheAuditTrail() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);")
                .write("V2_b.up.sql", "create table " + schema_("b") + " (id int);");
        InfoResult before = msr().info();
        assertThat(before.historyExists()).isFalse();
        assertThat(before.pending()).hasSize(2);
        msr().migrate(1);
        InfoResult info = msr().info();
        assertThat(info.schemaVersion()).isEqualTo(Version.of(1L));
        assertThat(info.latestVersion()).isEqualTo(Version.of(2L));
        assertThat(info.migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
        assertThat(info.lastApplied()).get().extracting(MigrationInfo::version).isEqualTo(Version.of(1L));
        assertThat(info.history()).singleElement().extracting(HistoryEntry::operation)
                .isEqualTo(HistoryEntry.HistoryOperation.UP);
        assertThat(info.toJson()).contains("\"pending\":1").contains("\"state\":\"PENDING\"");
    }

    @Test
    void validateChangesNothing() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);");
        OperationResult result = msr().validate();
        assertThat(result.success()).isTrue();
        assertThat(count("select count(*) from pg_tables where schemaname = '" + schema + "'")).isZero();
    }

    @Test
    void reportsAnUnreachableDatabaseWithExitSevenAndNoPassword() {
        Msr msr = Msr.builder().url("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2&password=topsecret",
                "someone", "topsecret").settings(settings().build()).build();
        ConnectionException error = catchThrowableOfType(ConnectionException.class, msr::migrate);
        assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(error.getMessage()).contains("127.0.0.1:1").doesNotContain("topsecret");
        assertThat(error.result().orElseThrow().toJson()).doesNotContain("topsecret").contains("\"exitCode\":7");
    }

    @Test
    void reportsRefusedCredentialsWithExitSevenAndNoPassword() {
        // Test servers may trust every password, so a role that may not log in stands in for a wrong password:
        // both are refused with an SQLState of class 28.
        db.execute("drop role if exists msr_nologin");
        db.execute("create role msr_nologin nologin password 'the-secret-value'");
        try {
            Msr msr = Msr.builder().url(db.jdbcUrl(), "msr_nologin", "the-secret-value")
                    .settings(settings().build()).build();
            ConnectionException error = catchThrowableOfType(ConnectionException.class, msr::migrate);
            assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
            assertThat(error.sqlState()).hasValueSatisfying(state -> assertThat(state).startsWith("28"));
            assertThat(error.getMessage()).contains("msr_nologin").doesNotContain("the-secret-value");
        } finally {
            db.execute("drop role if exists msr_nologin");
        }
    }

    @Test
    void listenersHearEveryStepAndOneThatThrowsBreaksNothing() {
        folder.write("V1_a.up.sql", "create table " + schema_("a") + " (id int);");
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.msr.MigrationListener recording = new io.msr.MigrationListener() {
            @Override
            public void runStarted(Operation operation) {
                events.add("started " + operation);
            }

            @Override
            public void lockWaitStarted(String key) {
                events.add("lock wait");
            }

            @Override
            public void lockAcquired(String key, java.time.Duration waited) {
                events.add("lock");
            }

            @Override
            public void migrationSucceeded(ExecutedMigration migration) {
                events.add("applied " + migration.version() + " " + migration.phase());
            }

            @Override
            public void runFinished(OperationResult result) {
                events.add("finished " + result.success());
            }
        };
        io.msr.MigrationListener throwing = new io.msr.MigrationListener() {
            @Override
            public void migrationSucceeded(ExecutedMigration migration) {
                throw new IllegalStateException("listener bug");
            }
        };
        Msr msr = Msr.builder().url(db.jdbcUrl(), db.username(), db.password()).settings(settings().build())
                .listeners(throwing, recording).build();
        assertThat(msr.migrate().success()).isTrue();
        assertThat(events).containsExactly("started MIGRATE", "lock wait", "lock", "applied 1 PRE_DEPLOY",
                "finished true");
        events.clear();
        folder.write("V2_b.up.sql", "-- msr:phase=post-deploy\ncreate table " + schema_("b") + " (id int);");
        Msr unlocked = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(settings().lockEnabled(false).build()).listeners(recording).build();
        assertThat(unlocked.migrate().success()).isTrue();
        assertThat(events).containsExactly("started MIGRATE", "applied 2 POST_DEPLOY", "finished true");
    }

    @Test
    void lintWarnsByDefaultAndBlocksInStrictModeBeforeAnythingRuns() {
        folder.write("V1_users.up.sql", "create table " + schema_("users") + " (id int, legacy text);");
        msr().migrate();
        folder.write("V2_cleanup.up.sql", "alter table " + schema_("users") + " add column age int;\n"
                + "alter table " + schema_("users") + " drop column legacy;");

        ValidationException strict = catchThrowableOfType(ValidationException.class,
                () -> msr(settings().strict(true)).migrate());
        assertThat(strict.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(strict.getMessage()).contains("V2 (V2_cleanup.up.sql, line 2) [drop-column]");
        assertThat(count("select count(*) from information_schema.columns where table_schema = '" + schema
                + "' and column_name = 'age'")).isZero();

        OperationResult relaxed = msr().migrate();
        assertThat(relaxed.warnings()).singleElement().asString().contains("[drop-column]");
        assertThat(relaxed.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(2L));
    }

    @Test
    void aConcurrentlyStatementInATransactionalFileStopsTheRunBeforeAnythingExecutes() {
        folder.write("V1_t.up.sql", "create table " + schema_("t") + " (a int);")
                .write("V2_index.up.sql", "create index concurrently t_a on " + schema_("t") + " (a);\n");
        ValidationException error = catchThrowableOfType(ValidationException.class, () -> msr().migrate());
        assertThat(error.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(error.getMessage()).contains("V2 (V2_index.up.sql, line 1) [concurrently-in-transaction]")
                .contains("-- msr:transaction=false");
        assertThat(count("select count(*) from information_schema.tables where table_schema = '" + schema
                + "' and table_name = 't'")).as("V1 did not run either").isZero();
    }

    @Test
    void theLintAssumesTheConnectedServersVersionUnlessTheSettingNamesOne() {
        folder.write("V1_users.up.sql", "create table " + schema_("users") + " (id bigint);");
        msr().migrate();
        folder.write("V2_flag.up.sql", "alter table " + schema_("users")
                + " add column active boolean not null default true;");
        ValidationException old = catchThrowableOfType(ValidationException.class,
                () -> msr(settings().strict(true).lintPostgresVersion(10)).migrate());
        assertThat(old.getMessage()).contains("[add-column-volatile-default]");
        assertThat(msr(settings().strict(true)).migrate().executed()).extracting(ExecutedMigration::version)
                .as("the server is PostgreSQL 11 or newer: a constant default is free").containsExactly(Version.of(2L));
    }

    @Test
    void rejectsAnUnknownEnabledRule() {
        assertThatThrownBy(() -> msr(settings().lintEnabledRules(java.util.Set.of("prefer-bigints"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("msr.lint.enabled-rules")
                .hasMessageContaining("prefer-bigints");
    }

    private String schema_(String table) {
        return schema + "." + table;
    }
}
