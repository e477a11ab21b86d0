package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A statement_timeout a DBA set on the role or the database stays in force for migrations unless
 * msr.postgres.statement-timeout is set; info says which value is in force and where it comes from.
 */
@WithPostgres
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatementTimeoutPrecedenceTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;
    private String role;

    StatementTimeoutPrecedenceTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void roleWithATimeout() {
        schema = db.freshSchema().name();
        role = "msr_timeouts_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0x7fffffff);
        db.execute("create role " + role + " login");
        db.execute("grant all on schema " + schema + " to " + role);
        folder = new MigrationFolder(dir);
        folder.write("V1_slow.up.sql", "select pg_sleep(1.5);");
    }

    @AfterEach
    void dropRole() {
        db.execute("alter database " + db.name() + " reset statement_timeout");
        db.execute("drop owned by " + role);
        db.execute("drop role " + role);
    }

    private Msr msr(MsrSettings.Builder settings) {
        return Msr.builder().url(db.jdbcUrl().replaceAll("([?&])user=[^&]*&?", "$1"), role, "")
                .settings(settings.schema(schema).build()).build();
    }

    @Test
    void theRolesStatementTimeoutStaysInForceUnlessMsrSetsOne() {
        db.execute("alter role " + role + " set statement_timeout = '500ms'");

        InfoResult info = msr(folder.settings()).info();
        assertThat(info.timeouts()).contains(new SessionTimeout("statement_timeout", "500ms", "role"));
        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());
        assertThat(failed.sqlState()).contains("57014");
        assertThat(failed.getMessage()).contains("statement timeout");

        MsrSettings.Builder none = folder.settings().statementTimeout(Duration.ZERO);
        assertThat(msr(none).info().timeouts())
                .contains(new SessionTimeout("statement_timeout", "0", "msr.postgres.statement-timeout"));
        assertThat(msr(none).migrate().executed()).hasSize(1);
    }

    @Test
    void theDatabasesStatementTimeoutStaysInForceAndInfoSaysSo() {
        db.execute("alter database " + db.name() + " set statement_timeout = '700ms'");

        InfoResult info = msr(folder.settings()).info();
        assertThat(info.timeouts()).contains(new SessionTimeout("statement_timeout", "700ms", "database"));
        assertThat(info.timeouts()).anySatisfy(timeout -> {
            assertThat(timeout.name()).isEqualTo("lock_timeout");
            assertThat(timeout.source()).isEqualTo("msr.postgres.lock-timeout");
        });
        assertThat(info.toJson()).contains("\"timeouts\":[").contains("\"source\":\"database\"");
        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());
        assertThat(failed.sqlState()).contains("57014");
    }
}
