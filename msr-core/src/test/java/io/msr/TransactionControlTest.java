package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A migration's own COMMIT, ROLLBACK, BEGIN or END would end the transaction MSR runs it in, so its history row
 * and the rest of its statements would commit apart from what came before. In a file that runs in a transaction,
 * such statements are refused before anything runs (exit 2, naming file and line); when lint is off they are
 * refused as the migration reaches them, before they run (exit 3, rolled back). A file outside a transaction may
 * group statements with BEGIN and COMMIT; when one fails inside such a group, the message says what stayed.
 */
@WithPostgres
class TransactionControlTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    TransactionControlTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
        folder.write("V1_first.up.sql", "create table " + schema + ".t1 (id int);");
    }

    private Msr msr(MsrSettings.Builder settings) {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(settings.schema(schema).build()).build();
    }

    private boolean exists(String table) {
        return db.queryForObject("select to_regclass('" + schema + "." + table + "') is not null", Boolean.class);
    }

    @Test
    void aCommitInATransactionalFileIsRefusedBeforeAnythingRunsNamingFileAndLine() {
        folder.write("V2_commit.up.sql", "create table " + schema + ".t2 (id int);\n\ncommit;\n"
                + "insert into " + schema + ".t2 values (1);\n");

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> msr(folder.settings()).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(error.getMessage()).contains("V2_commit.up.sql, line 3").contains("[transaction-control]")
                .contains("-- msr:transaction=false");
        assertThat(exists("t1")).isFalse();
        assertThat(exists("msr_schema_history")).isFalse();
    }

    @Test
    void everyFormOfTransactionControlIsRefusedAndSavepointsAreNot() {
        String[] refused = {"begin;", "begin work;", "start transaction;", "end;", "commit and chain;", "rollback;",
            "abort;", "commit work;", "prepare transaction 'x';"};
        for (String statement : refused) {
            folder.write("V2_tc.up.sql", "create table " + schema + ".t2 (id int);\n" + statement + "\n");
            assertThat(catchThrowableOfType(ValidationException.class, () -> msr(folder.settings()).migrate()))
                    .as(statement).hasMessageContaining("[transaction-control]");
        }
        folder.write("V2_tc.up.sql", "create table " + schema + ".t2 (id int);\nsavepoint s;\n"
                + "insert into " + schema + ".t2 values (1);\nrollback work to savepoint s;\nrollback to s;\n"
                + "release savepoint s;\n"
                + "do $$ begin perform 1; end $$;\n"
                + "create function " + schema + ".f() returns int begin atomic select 1; end;\n");

        msr(folder.settings()).migrate();

        assertThat(exists("t2")).isTrue();
    }

    @Test
    void withLintOffACommitIsRefusedWhenReachedBeforeItRunsAndTheMigrationIsRolledBack() {
        folder.write("V2_commit.up.sql", "create table " + schema + ".t2 (id int);\ncommit;\n"
                + "create table " + schema + ".t3 (id int);\n");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings().lintEnabled(false)).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.getMessage()).contains("V2_commit.up.sql, line 2").contains("COMMIT")
                .contains("-- msr:transaction=false").contains("rolled back");
        assertThat(error.line()).contains(2);
        assertThat(exists("t1")).isTrue();
        assertThat(exists("t2")).isFalse();
        assertThat(exists("t3")).isFalse();
        assertThat(db.queryForStrings("select version || ' ' || success from " + schema
                + ".msr_schema_history order by id")).containsExactly("1 true");
    }

    @Test
    void aCommitInADownFileIsRefusedBeforeItRuns() {
        folder.write("V2_t2.up.sql", "create table " + schema + ".t2 (id int);");
        folder.write("V2_t2.down.sql", "drop table " + schema + ".t2;\ncommit;\n");
        msr(folder.settings()).migrate();

        DownFailedException error = catchThrowableOfType(DownFailedException.class,
                () -> msr(folder.settings()).down(1L));

        assertThat(error.getMessage()).contains("V2_t2.down.sql, line 2").contains("COMMIT");
        assertThat(exists("t2")).isTrue();
    }

    @Test
    void aProcedureCommittingInsideATransactionalMigrationSaysWhyItCannot() {
        folder.write("V2_proc.up.sql", "create procedure " + schema + ".p() language plpgsql as $$ begin"
                + " commit; end $$;\ncall " + schema + ".p();\n");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());

        assertThat(error.sqlState()).contains("2D000");
        assertThat(error.getMessage()).contains("V2_proc.up.sql, line 2").contains("-- msr:transaction=false");
    }

    @Test
    void aFileOutsideATransactionMayGroupStatementsAndAFailureInAGroupSaysWhatStayed() {
        folder.write("V2_grouped.up.sql", "-- msr:transaction=false\n"
                + "create table if not exists " + schema + ".t2 (id int);\n"
                + "begin;\n"
                + "insert into " + schema + ".t2 values (1);\n"
                + "insert into " + schema + ".t2 values ('x');\n"
                + "commit;\n");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());

        assertThat(error.line()).contains(5);
        assertThat(error.getMessage()).contains("line 3").contains("rolled back");
        assertThat(db.queryForObject("select count(*) from " + schema + ".t2", Long.class)).isZero();
        assertThat(db.queryForStrings("select version || ' ' || operation || ' ' || success from " + schema
                + ".msr_schema_history order by id")).containsExactly("1 UP true", "2 STARTED false",
                "2 UP false");
    }

    @Test
    void aFileOutsideATransactionThatGroupsStatementsSucceeds() {
        folder.write("V2_grouped.up.sql", "-- msr:transaction=false\n"
                + "create table if not exists " + schema + ".t2 (id int);\n"
                + "begin;\ninsert into " + schema + ".t2 values (1);\ncommit;\n");

        msr(folder.settings()).migrate();

        assertThat(db.queryForObject("select count(*) from " + schema + ".t2", Long.class)).isEqualTo(1L);
    }

    @Test
    void aFileOutsideATransactionThatLeavesOneOpenFailsAndItsOpenPartIsRolledBack() {
        folder.write("V2_open.up.sql", "-- msr:transaction=false\n"
                + "create table if not exists " + schema + ".t2 (id int);\n"
                + "begin;\ninsert into " + schema + ".t2 values (1);\n");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());

        assertThat(error.getMessage()).contains("V2_open.up.sql").contains("line 3").contains("BEGIN")
                .contains("rolled back");
        assertThat(db.queryForObject("select count(*) from " + schema + ".t2", Long.class)).isZero();
        assertThat(db.queryForStrings("select version || ' ' || operation || ' ' || success from " + schema
                + ".msr_schema_history order by id")).containsExactly("1 UP true", "2 STARTED false",
                "2 UP false");
    }

    @Test
    void aTransactionalJavaMigrationMayNotCommitTheTransactionItRunsIn() {
        JavaMigration commits = new JavaMigration() {
            @Override
            public Version version() {
                return Version.of(2L);
            }

            @Override
            public String description() {
                return "commits";
            }

            @Override
            public void up(MigrationContext context) throws Exception {
                try (java.sql.Statement statement = context.connection().createStatement()) {
                    statement.execute("create table " + schema + ".t2 (id int)");
                }
                context.connection().commit();
            }
        };

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                        .settings(folder.settings().schema(schema).build()).javaMigrations(commits).build().migrate());

        assertThat(error.getMessage()).contains("V2").contains("commit()").contains("rolled back");
        assertThat(exists("t2")).isFalse();
    }

    @Test
    void aDryRunWithLintOffNeverLetsAMigrationsCommitThrough() {
        folder.write("V2_commit.up.sql", "create table " + schema + ".t2 (id int);\ncommit;\n");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings().lintEnabled(false).dryRun(true)).migrate());

        assertThat(error.getMessage()).contains("Dry run").contains("V2_commit.up.sql, line 2");
        assertThat(exists("t1")).isFalse();
        assertThat(exists("t2")).isFalse();
    }
}
