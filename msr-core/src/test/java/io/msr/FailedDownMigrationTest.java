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
 * A down migration that fails outside a transaction leaves its migration partly reverted: it must not show as
 * applied anywhere (info, validate, migrate's plan, another down), and the repair must say what happens next.
 */
@WithPostgres
class FailedDownMigrationTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    FailedDownMigrationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void secondMigrationWhoseNonTransactionalDownFailsHalfWay() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
        folder.write("V1_one.up.sql", "create table " + schema + ".t1 (id int);");
        folder.write("V2_two.up.sql", "create table " + schema + ".t2 (id int); create table " + schema
                + ".t2_extra (id int);");
        folder.write("V2_two.down.sql", "-- msr:transaction=false\ndrop table " + schema + ".t2_extra;\n"
                + "select * from nowhere;\ndrop table " + schema + ".t2;\n");
        msr().migrate();
        DownFailedException error = catchThrowableOfType(DownFailedException.class, () -> msr().down(1));
        assertThat(error.exitCode()).isEqualTo(ExitCode.ROLLBACK_FAILED);
    }

    private Msr msr() {
        return folder.msr(db, folder.settings().schema(schema).build());
    }

    @Test
    void infoShowsItFailedNotApplied() {
        InfoResult info = msr().info();

        assertThat(info.migrations()).extracting(m -> m.version() + " " + m.state())
                .containsExactly("1 APPLIED", "2 FAILED");
        assertThat(info.lastApplied()).map(MigrationInfo::version).contains(Version.of(1L));
        assertThat(info.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo("FAILED");
            assertThat(issue.message()).contains("The down migration of V2 (V2_two.down.sql) failed")
                    .contains("partly reverted");
        });
    }

    @Test
    void validateMigrateAndDownAllRefuseUntilRepaired() {
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr().validate()).exitCode())
                .isEqualTo(ExitCode.VALIDATION);
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr().migrate()).getMessage())
                .contains("The down migration of V2");
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr().down(0)).getMessage())
                .contains("The down migration of V2");
        assertThat(db.queryForObject("select to_regclass('" + schema + ".t2') is not null", Boolean.class)).isTrue();
    }

    @Test
    void repairSaysTheMigrationCountsAsAppliedAgainAndTheNextRunLeavesItAlone() {
        db.execute("create table " + schema + ".t2_extra (id int)");

        OperationResult repaired = msr().repair();

        assertThat(repaired.notes()).singleElement().asString()
                .contains("Marked the failed down migration of V2 (V2_two.down.sql) resolved")
                .contains("counts as applied again: the next migrate leaves it alone");
        assertThat(msr().info().migrations()).extracting(m -> m.version() + " " + m.state())
                .containsExactly("1 APPLIED", "2 APPLIED");
        assertThat(msr().migrate().executed()).isEmpty();
    }
}
