package io.msr.processtest;

import io.msr.LockStatus;
import io.msr.test.PackagedJar;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens to the database when the migrate process is killed with SIGKILL at the worst moments, and when
 * many migrate processes race: no partial transactional migration, the lock free at once, an interrupted
 * non-transactional migration reported until repaired, and every migration applied exactly once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FaultIT {

    @TempDir
    Path migrations;

    private TestDatabase db;
    private FaultFixture fixture;

    @BeforeEach
    void database() {
        db = PostgresServer.shared().createDatabase();
        fixture = new FaultFixture(db, migrations)
                .write("V101_side.up.sql", "create table side (step text);")
                .write("V102_slow_in_transaction.up.sql",
                        "insert into side values ('102-a');\nselect pg_sleep(3);\ninsert into side values ('102-b');")
                .write("V103_slow_outside_transaction.up.sql", "-- msr:transaction=false\n"
                        + "insert into side values ('103-a');\nselect pg_sleep(3);\ninsert into side values ('103-b');");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    /** True while the migration after {@code step} sleeps: {@code step} is read first, so its own sleep cannot count. */
    private boolean sleeping(String step) {
        return fixture.versionsDone().contains(step) && fixture.running("%pg_sleep(3)%");
    }

    @Test
    void killedInsideATransactionalMigrationLeavesNothingOfItAndTheLockFree() throws Exception {
        PackagedJar.Started job = fixture.start();
        FaultFixture.await("V102 is sleeping", () -> sleeping("101"));
        job.process().destroyForcibly().waitFor();

        assertThat(fixture.lockFreeAfterMs()).as("the lock is free at once").isLessThan(2_000);
        assertThat(fixture.history()).containsExactly("101 UP true");
        assertThat(db.queryForStrings("select step from side")).as("no partial transactional migration").isEmpty();

        PackagedJar.Run rerun = fixture.start().await(Duration.ofMinutes(1));
        assertThat(rerun.exitCode()).as(rerun.output()).isZero();
        assertThat(db.queryForStrings("select step from side order by step"))
                .containsExactly("102-a", "102-b", "103-a", "103-b");
    }

    @Test
    void killedInsideANonTransactionalMigrationIsReportedAndBlocksUntilRepaired() throws Exception {
        PackagedJar.Started job = fixture.start();
        FaultFixture.await("V103 is sleeping", () -> sleeping("102"));
        job.process().destroyForcibly().waitFor();

        assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
        assertThat(fixture.history()).containsExactly("101 UP true", "102 UP true", "103 STARTED false");
        assertThat(db.queryForStrings("select step from side where step like '103%'")).containsExactly("103-a");

        PackagedJar.Run blocked = fixture.start().await(Duration.ofMinutes(1));
        assertThat(blocked.exitCode()).as(blocked.output()).isEqualTo(2);
        assertThat(blocked.output()).contains("V103 (V103_slow_outside_transaction.up.sql) started outside a"
                + " transaction").contains("never finished").contains("msr.mode=repair");

        db.execute("delete from side where step like '103%'");
        PackagedJar.Run repair = fixture.start("--msr.mode=repair").await(Duration.ofMinutes(1));
        assertThat(repair.exitCode()).as(repair.output()).isZero();
        PackagedJar.Run rerun = fixture.start().await(Duration.ofMinutes(1));
        assertThat(rerun.exitCode()).as(rerun.output()).isZero();
        assertThat(db.queryForStrings("select step from side where step like '103%' order by step"))
                .containsExactly("103-a", "103-b");
    }

    @Test
    void killedWhileWaitingForTheLockChangesNothingAndLeavesTheHolderAlone() throws Exception {
        LockStatus free = fixture.msr().lockStatus();
        String[] key = free.key().substring(0, free.key().indexOf(' ')).split(":");
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            statement.execute("select pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
            PackagedJar.Started job = fixture.start();
            FaultFixture.await("the job waits for the lock", () -> db.queryForObject("select count(*) from pg_stat_activity"
                    + " where application_name like 'msr lock%' and datname = current_database()", Long.class) > 0);
            job.process().destroyForcibly().waitFor();
            assertThat(holder.isValid(2)).isTrue();
            assertThat(fixture.msr().lockStatus().holderPid()).isNotNull();
            assertThat(db.queryForObject("select count(*) from pg_tables where tablename = 'msr_schema_history'",
                    Long.class)).isZero();
        }
        assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
    }

    @Test
    void tenRacingMigrateProcessesApplyEveryMigrationExactlyOnce() throws Exception {
        Files.delete(migrations.resolve("V102_slow_in_transaction.up.sql"));
        Files.delete(migrations.resolve("V103_slow_outside_transaction.up.sql"));
        for (int v = 102; v <= 111; v++) {
            Files.writeString(migrations.resolve("V" + v + "_m" + v + ".up.sql"),
                    "create table t" + v + " (id int);\ninsert into side values ('" + v + "');");
        }
        List<PackagedJar.Started> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(fixture.start());
        }
        for (PackagedJar.Started job : jobs) {
            PackagedJar.Run run = job.await(Duration.ofMinutes(3));
            assertThat(run.exitCode()).as(run.output()).isZero();
        }
        assertThat(db.queryForObject("select count(*) from side", Long.class)).isEqualTo(10);
        assertThat(db.queryForObject("select count(distinct step) from side", Long.class)).isEqualTo(10);
        assertThat(db.queryForObject("select count(*) from msr_schema_history", Long.class)).isEqualTo(11);
    }
}
