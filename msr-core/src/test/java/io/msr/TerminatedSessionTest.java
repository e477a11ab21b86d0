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
 * A migration whose session is terminated mid-way (by itself, {@code pg_terminate_backend(pg_backend_pid())}, or by
 * an administrator): the run says the connection was lost during that migration and what became of it, and never
 * runs it again by itself. Transactional: rolled back, nothing remains, exit 7 (a retry of the Job is safe).
 * Outside a transaction: statements before the loss may stay, it is left started-but-unfinished in history, which
 * the next run refuses until repair, exit 3 (a person must look).
 */
@WithPostgres
class TerminatedSessionTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    TerminatedSessionTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
        folder.write("V1_first.up.sql", "create table " + schema + ".t1 (id int);\ncreate sequence " + schema
                + ".attempts;");
    }

    private Msr msr(MsrSettings.Builder settings) {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(settings.schema(schema).build()).build();
    }

    private long attempts() {
        return db.queryForObject("select case when is_called then last_value else 0 end from " + schema
                + ".attempts", Long.class);
    }

    @Test
    void aTransactionalMigrationThatTerminatesItsSessionIsRolledBackReportedAndNotRetried() {
        msr(folder.settings()).migrate();
        folder.write("V2_suicide.up.sql", "create table " + schema + ".t2 (id int);\n"
                + "select nextval('" + schema + ".attempts');\n"
                + "select pg_terminate_backend(pg_backend_pid());\n"
                + "create table " + schema + ".t3 (id int);\n");

        MsrException error = catchThrowableOfType(MsrException.class,
                () -> msr(folder.settings().retryMaxAttempts(5)).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(error.getMessage()).contains("Lost the database connection while running migration V2")
                .contains("V2_suicide.up.sql, line 3").contains("57P01").contains("rolled back");
        assertThat(error.version()).contains(Version.of(2L));
        assertThat(attempts()).isEqualTo(1L);
        assertThat(db.queryForObject("select to_regclass('" + schema + ".t2') is null", Boolean.class)).isTrue();
        assertThat(db.queryForStrings("select version || ' ' || operation || ' ' || success from " + schema
                + ".msr_schema_history order by id")).containsExactly("1 UP true");
    }

    @Test
    void aNonTransactionalMigrationWhoseSessionIsTerminatedNeedsRepairAndSaysSo() {
        msr(folder.settings()).migrate();
        folder.write("V2_suicide.up.sql", "-- msr:transaction=false\n"
                + "create table if not exists " + schema + ".t2 (id int);\n"
                + "select nextval('" + schema + ".attempts');\n"
                + "select pg_terminate_backend(pg_backend_pid());\n"
                + "create table if not exists " + schema + ".t3 (id int);\n");

        MsrException error = catchThrowableOfType(MsrException.class,
                () -> msr(folder.settings().retryMaxAttempts(5)).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.getMessage()).contains("Lost the database connection while running migration V2")
                .contains("line 4").contains("57P01").contains("outside a transaction")
                .contains("msr.mode=repair");
        assertThat(attempts()).isEqualTo(1L);
        assertThat(db.queryForObject("select to_regclass('" + schema + ".t2') is not null", Boolean.class)).isTrue();
        assertThat(db.queryForStrings("select version || ' ' || operation || ' ' || success from " + schema
                + ".msr_schema_history order by id")).containsExactly("1 UP true", "2 STARTED false");

        MsrException next = catchThrowableOfType(MsrException.class, () -> msr(folder.settings()).migrate());

        assertThat(next.exitCode()).isIn(ExitCode.VALIDATION, ExitCode.MIGRATION_FAILED);
        assertThat(next.getMessage()).contains("V2").contains("repair");
        assertThat(attempts()).isEqualTo(1L);
    }
}
