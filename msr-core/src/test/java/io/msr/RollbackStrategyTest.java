package io.msr;

import io.msr.ExecutedMigration.Outcome;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A failure in the third of five migrations, with each rollback strategy. */
@WithPostgres
class RollbackStrategyTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    RollbackStrategyTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void fiveMigrationsTheThirdBroken() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
        for (int v = 1; v <= 5; v++) {
            folder.write("V" + v + "_t" + v + ".up.sql", v == 3 ? "select * from nowhere;"
                    : "create table " + schema + ".t" + v + " (id int);");
            folder.write("V" + v + "_t" + v + ".down.sql", "drop table " + schema + ".t" + v + ";");
        }
    }

    private Msr msr(RollbackStrategy strategy) {
        return folder.msr(db, folder.settings().schema(schema).rollbackStrategy(strategy).build());
    }

    private long tables() {
        return db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema
                + "' and tablename like 't%'", Long.class);
    }

    @Test
    void noneLeavesTheMigrationsBeforeTheFailureApplied() {
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(RollbackStrategy.NONE).migrate());
        assertThat(error.version()).contains(Version.of(3L));
        assertThat(tables()).isEqualTo(2);
        assertThat(error.result().orElseThrow().schemaVersionAfter()).isEqualTo(Version.of(2L));
    }

    @Test
    void downRevertsWhatTheRunAppliedNewestFirstAndReportsTheOriginalFailure() {
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(RollbackStrategy.DOWN).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.version()).contains(Version.of(3L));
        assertThat(tables()).isZero();
        OperationResult result = error.result().orElseThrow();
        assertThat(result.executed()).extracting(e -> e.direction() + " " + e.version() + " " + e.outcome())
                .containsExactly("UP 1 SUCCEEDED", "UP 2 SUCCEEDED", "UP 3 FAILED", "DOWN 2 SUCCEEDED",
                        "DOWN 1 SUCCEEDED");
        assertThat(result.schemaVersionAfter()).isNull();
        assertThat(result.notes()).singleElement().asString().contains("Rolled back V2, V1");
        assertThat(db.queryForStrings("select version || ' ' || operation from " + schema
                + ".msr_schema_history order by id")).containsExactly("1 UP", "2 UP", "2 DOWN", "1 DOWN");

        folder.write("V3_t3.up.sql", "create table " + schema + ".t3 (id int);");
        assertThat(msr(RollbackStrategy.DOWN).migrate().succeeded()).hasSize(5);
    }

    @Test
    void downStopsWithExitFourAtAMigrationWithoutDown() {
        folder.delete("V1_t1.down.sql");
        DownFailedException error = catchThrowableOfType(DownFailedException.class,
                () -> msr(RollbackStrategy.DOWN).migrate());
        assertThat(error.exitCode()).isEqualTo(ExitCode.ROLLBACK_FAILED);
        assertThat(error.getMessage()).contains("V1 (V1_t1.up.sql) has no down migration").contains("V1 stay applied")
                .contains("The original failure: Migration V3");
        assertThat(error.getSuppressed()).hasAtLeastOneElementOfType(MigrationFailedException.class);
        assertThat(tables()).isEqualTo(1);
        assertThat(error.result().orElseThrow().executed()).extracting(ExecutedMigration::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.SUCCEEDED, Outcome.FAILED, Outcome.SUCCEEDED);
    }
}
