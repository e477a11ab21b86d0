package io.msr;

import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A session that may not write (a role or database with {@code default_transaction_read_only = on}, or a hot
 * standby) is reported as read-only, whatever write comes first (the history table, a migration), not as a missing
 * privilege or a failed migration: exit code 1 for the setting (a retry does not help), 7 for a standby (a retry
 * may reach the primary after a failover). Nothing is changed.
 */
class ReadOnlyDatabaseTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private MigrationFolder folder;
    private final String role = "msr_read_only_" + ProcessHandle.current().pid();

    @BeforeEach
    void databaseAndRole() {
        db = PostgresServer.shared().createDatabase();
        db.execute("drop role if exists " + role);
        db.execute("create role " + role + " login; grant all on database " + db.name() + " to " + role
                + "; grant all on schema public to " + role);
        folder = new MigrationFolder(dir);
        folder.write("V1_first.up.sql", "create table t1 (id int);");
    }

    @AfterEach
    void dropRole() {
        try {
            db.execute("begin transaction read write; drop owned by " + role + "; drop role if exists " + role
                    + "; commit");
        } finally {
            db.close();
        }
    }

    private Msr msr(String user) {
        return Msr.builder().url(db.jdbcUrl(), user, db.password()).settings(folder.settings().build()).build();
    }

    @Test
    void aRoleThatDefaultsToReadOnlyIsReportedAsReadOnlyWithExitOne() {
        db.execute("alter role " + role + " set default_transaction_read_only = on");

        MsrException error = catchThrowableOfType(MsrException.class, () -> msr(role).migrate());

        assertThat(error.getMessage()).contains("read-only").contains("default_transaction_read_only")
                .doesNotContain("needs CREATE");
        assertThat(error.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(error.sqlState()).contains("25006");
        assertThat(db.queryForObject("select to_regclass('public.msr_schema_history') is null", Boolean.class))
                .isTrue();
    }

    @Test
    void aDatabaseThatDefaultsToReadOnlyIsReportedAsReadOnlyAlsoWhenAMigrationIsTheFirstWrite() {
        msr(db.username()).migrate();
        folder.write("V2_second.up.sql", "create table t2 (id int);");
        db.execute("alter database " + db.name() + " set default_transaction_read_only = on");

        MsrException error = catchThrowableOfType(MsrException.class, () -> msr(db.username()).migrate());

        assertThat(error.getMessage()).contains("read-only").contains("default_transaction_read_only")
                .contains("V2");
        assertThat(error.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(db.queryForStrings("select version || ' ' || success from msr_schema_history order by id"))
                .containsExactly("1 true");
    }

    @Test
    void aMigrationThatMakesItsOwnTransactionReadOnlyFailsAsAMigration() {
        folder.write("V2_ro.up.sql", "set transaction read only;\ncreate table t2 (id int);\n");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(db.username()).migrate());

        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.line()).contains(2);
    }
}
