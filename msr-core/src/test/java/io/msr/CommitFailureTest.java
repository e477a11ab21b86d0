package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Errors the database raises at COMMIT, not at a statement (a deferred constraint, a serialization failure, a
 * deferred trigger), are the failure of the migration being committed: exit code 3 (4 for a down migration),
 * naming its version and file, retried when transient, heard by listeners. And when the history row itself
 * cannot be written, the migration's transaction is rolled back before any rollback strategy runs.
 */
@WithPostgres
class CommitFailureTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;
    private final List<String> heard = new ArrayList<>();

    CommitFailureTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void schemaWithDeferredForeignKey() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
        folder.write("V1_parent.up.sql", "create table " + schema + ".parent (id int primary key);"
                + " create table " + schema + ".child (id int, parent_id int references " + schema
                + ".parent (id) deferrable initially deferred);");
        folder.write("V1_parent.down.sql", "drop table " + schema + ".child; drop table " + schema + ".parent;");
    }

    private Msr msr(MsrSettings.Builder settings) {
        MigrationListener listener = new MigrationListener() {
            @Override
            public void migrationStarted(Version version, String description, String script, Direction direction) {
                heard.add("started " + direction + " " + version);
            }

            @Override
            public void migrationSucceeded(ExecutedMigration migration) {
                heard.add("succeeded " + migration.direction() + " " + migration.version());
            }

            @Override
            public void migrationFailed(ExecutedMigration migration, MsrException error) {
                heard.add("failed " + migration.direction() + " " + migration.version() + " "
                        + error.sqlState().orElse("-"));
            }
        };
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(settings.schema(schema).build()).listeners(listener).build();
    }

    private List<String> history() {
        return db.queryForStrings("select version || ' ' || operation || ' ' || success from " + schema
                + ".msr_schema_history order by id");
    }

    private void orphanChildInV2() {
        folder.write("V2_orphan.up.sql", "create table " + schema + ".t2 (id int);"
                + " insert into " + schema + ".child values (1, 42);");
    }

    @Test
    void aDeferredConstraintFailingAtCommitIsTheMigrationsFailure() {
        orphanChildInV2();

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.version()).contains(Version.of(2L));
        assertThat(error.script()).contains("V2_orphan.up.sql");
        assertThat(error.sqlState()).contains("23503");
        assertThat(error.getMessage()).contains("Migration V2 (V2_orphan.up.sql) failed at COMMIT")
                .contains("rolled back");
        assertThat(error.result().orElseThrow().executed()).extracting(e -> e.version() + " " + e.outcome())
                .containsExactly("1 SUCCEEDED", "2 FAILED");
        assertThat(heard).containsExactly("started UP 1", "succeeded UP 1", "started UP 2", "failed UP 2 23503");
        assertThat(history()).containsExactly("1 UP true");
        assertThat(db.queryForObject("select to_regclass('" + schema + ".t2') is null", Boolean.class)).isTrue();
    }

    @Test
    void aDeferredConstraintFailingAtTheBatchCommitFailsTheBatchNamingItsLastMigration() {
        orphanChildInV2();
        folder.write("V3_more.up.sql", "create table " + schema + ".t3 (id int);");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings().transactionMode(TransactionMode.PER_BATCH)).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.version()).contains(Version.of(3L));
        assertThat(error.sqlState()).contains("23503");
        assertThat(error.getMessage()).contains("failed at COMMIT of the batch of 3 migrations (V1 to V3");
        assertThat(error.result().orElseThrow().executed()).extracting(e -> e.version() + " " + e.outcome())
                .containsExactly("1 ROLLED_BACK", "2 ROLLED_BACK", "3 FAILED");
        assertThat(heard).last().isEqualTo("failed UP 3 23503");
        assertThat(db.queryForObject("select to_regclass('" + schema + ".msr_schema_history') is null",
                Boolean.class)).isTrue();
    }

    @Test
    void aSerializationFailureAtCommitIsRetriedLikeAnyTransientError() {
        transientFailureAtCommitOnce();

        OperationResult result = msr(folder.settings().isolationLevel(IsolationLevel.SERIALIZABLE)).migrate();

        assertThat(result.succeeded()).extracting(ExecutedMigration::version).containsExactly(Version.of(1L), Version.of(2L));
        assertThat(heard).containsExactly("started UP 1", "succeeded UP 1", "started UP 2", "started UP 2",
                "succeeded UP 2");
        assertThat(history()).containsExactly("1 UP true", "2 UP true");
    }

    @Test
    void aSerializationFailureAtCommitWithoutRetriesLeftExitsThreeNamingTheMigration() {
        transientFailureAtCommitOnce();

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings().retryMaxAttempts(1)).migrate());

        assertThat(error.version()).contains(Version.of(2L));
        assertThat(error.sqlState()).contains("40001");
        assertThat(history()).containsExactly("1 UP true");
    }

    /** V2 ends with a deferred trigger that raises a serialization failure at COMMIT, the first time only. */
    private void transientFailureAtCommitOnce() {
        db.execute("create sequence " + schema + ".attempts");
        folder.write("V2_checked_at_commit.up.sql", "create table " + schema + ".t2 (id int);\n"
                + "create function " + schema + ".fail_once() returns trigger language plpgsql as $$\n"
                + "begin\n"
                + "  if nextval('" + schema + ".attempts') = 1 then\n"
                + "    raise exception 'could not serialize access' using errcode = '40001';\n"
                + "  end if;\n"
                + "  return null;\n"
                + "end $$;\n"
                + "create constraint trigger checked_at_commit after insert on " + schema + ".t2\n"
                + "  deferrable initially deferred for each row execute function " + schema + ".fail_once();\n"
                + "insert into " + schema + ".t2 values (1);\n");
    }

    @Test
    void aDownMigrationFailingAtCommitExitsFourAndStaysApplied() {
        folder.write("V2_orphan_on_down.up.sql", "create table " + schema + ".t2 (id int);");
        folder.write("V2_orphan_on_down.down.sql", "drop table " + schema + ".t2;"
                + " insert into " + schema + ".child values (1, 42);");
        msr(folder.settings()).migrate();
        heard.clear();

        DownFailedException error = catchThrowableOfType(DownFailedException.class, () -> msr(folder.settings())
                .down(1));

        assertThat(error.exitCode()).isEqualTo(ExitCode.ROLLBACK_FAILED);
        assertThat(error.version()).contains(Version.of(2L));
        assertThat(error.script()).contains("V2_orphan_on_down.down.sql");
        assertThat(error.getMessage()).contains("Down migration V2 (V2_orphan_on_down.down.sql) failed at COMMIT");
        assertThat(heard).containsExactly("started DOWN 2", "failed DOWN 2 23503");
        assertThat(history()).containsExactly("1 UP true", "2 UP true");
        assertThat(db.queryForObject("select to_regclass('" + schema + ".t2') is not null", Boolean.class)).isTrue();
    }

    @Test
    void aHistoryWriteFailureRollsTheMigrationBackBeforeTheRollbackStrategyRuns() {
        folder.write("V1_parent.up.sql", "create table " + schema + ".parent (id int primary key);\n"
                + "create function " + schema + ".refuse_v2() returns trigger language plpgsql as $$\n"
                + "begin\n"
                + "  if new.version = 2 then raise exception 'history refuses V2'; end if;\n"
                + "  return new;\n"
                + "end $$;\n"
                + "create trigger refuse_v2 before insert on " + schema + ".msr_schema_history\n"
                + "  for each row execute function " + schema + ".refuse_v2();\n");
        folder.write("V1_parent.down.sql", "drop trigger refuse_v2 on " + schema + ".msr_schema_history;"
                + " drop function " + schema + ".refuse_v2(); drop table " + schema + ".parent;");
        folder.write("V2_refused.up.sql", "create table " + schema + ".t2 (id int);");

        MsrDatabaseException error = catchThrowableOfType(MsrDatabaseException.class,
                () -> msr(folder.settings().rollbackStrategy(RollbackStrategy.DOWN)).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(error.getMessage()).contains("Could not write the history row of V2").contains("history refuses V2");
        OperationResult result = error.result().orElseThrow();
        assertThat(result.executed()).extracting(e -> e.direction() + " " + e.version() + " " + e.outcome())
                .containsExactly("UP 1 SUCCEEDED", "UP 2 FAILED", "DOWN 1 SUCCEEDED");
        assertThat(history()).containsExactly("1 UP true", "1 DOWN true");
        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema
                + "' and tablename in ('parent', 't2')", Long.class)).isZero();
    }
}
