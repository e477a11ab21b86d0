package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.PgClientTools;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More moments to SIGKILL the migrate Job (with {@link FaultIT}, ten in all): before the first commit, between
 * migrations, while the history row of a transactional and of a non-transactional migration is in flight, during
 * a down rollback, while pg_dump and while pg_restore run; and the lock holder's connection terminated by an
 * operator. Each time: nothing partial, the lock free at once, and a rerun (or the documented recovery) completes.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KillPointsIT {

    @TempDir
    Path dir;

    private TestDatabase db;
    private FaultFixture fixture;

    @BeforeEach
    void database() throws IOException {
        db = PostgresServer.shared().createDatabase();
        fixture = new FaultFixture(db, Files.createDirectories(dir.resolve("migrations")))
                .write("V101_side.up.sql", "create table side (step text);")
                .write("V102_step.up.sql", "insert into side values ('102');")
                .write("V103_step.up.sql", "insert into side values ('103');");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private List<String> steps() {
        return db.queryForStrings("select step from side order by step");
    }

    private void assertRerunCompletes(String... extra) {
        PackagedJar.Run rerun = fixture.run(extra);
        assertThat(rerun.exitCode()).as(rerun.output()).isZero();
        assertThat(steps()).containsExactly("102", "103");
        assertThat(fixture.history()).containsSubsequence("101 UP true", "102 UP true", "103 UP true");
    }

    @Test
    void killedBeforeTheFirstCommitLeavesNoHistoryTableAtAll() throws Exception {
        fixture.write("V101_side.up.sql", "create table side (step text);\nselect pg_sleep(30);");
        PackagedJar.Started job = fixture.start();
        FaultFixture.await("V101 is sleeping", () -> fixture.running("%pg_sleep(30)%"));
        FaultFixture.kill(job);

        assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
        assertThat(fixture.historyTableExists()).as("the history table is created in the first migration's"
                + " transaction").isFalse();
        assertThat(db.queryForObject("select count(*) from pg_tables where tablename = 'side'", Long.class)).isZero();
        fixture.write("V101_side.up.sql", "create table side (step text);");
        assertRerunCompletes();
    }

    @Test
    void killedBetweenMigrationsKeepsWhatCommittedAndStartsNothingElse() throws Exception {
        Path markers = dir.resolve("markers");
        PackagedJar.Started job = fixture.start("--test.pause-after-version=102", "--test.markers=" + markers);
        FaultFixture.await("V102 committed and the run pauses", () -> Files.exists(markers.resolve("paused-after-102")));
        FaultFixture.kill(job);

        assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
        assertThat(fixture.history()).containsExactly("101 UP true", "102 UP true");
        assertThat(steps()).containsExactly("102");
        assertRerunCompletes();
    }

    @Test
    void killedWhileTheHistoryRowOfATransactionalMigrationIsInFlightTheServerCommitsItWithItsWork() throws Exception {
        assertThat(fixture.run("--msr.target=101").exitCode()).isZero();
        try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("lock table msr_schema_history in share mode");
            PackagedJar.Started job = fixture.start();
            FaultFixture.await("V102 writes its history row", () -> fixture.waitingForTableLock(
                    "%msr_schema_history%"));
            FaultFixture.kill(job);
            assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
            blocker.commit();
        }
        // The row and the COMMIT went out together (one round trip), so the server, holding both, commits the
        // migration with its row once the row may be written: the work and its record agree, as they would if the
        // kill came before the row was sent (nothing of V102 then; the rerun applies it).
        FaultFixture.await("the killed session is gone", () -> !fixture.running("%"));
        assertThat(fixture.history()).containsExactly("101 UP true", "102 UP true");
        assertThat(steps()).as("V102's work committed with its history row").containsExactly("102");
        assertRerunCompletes();
    }

    @Test
    void killedWhileTheHistoryRowOfANonTransactionalMigrationIsInFlightTheServerStillRecordsIt() throws Exception {
        fixture.write("V103_step.up.sql", "-- msr:transaction=false\ninsert into side values ('103');\n"
                + "select pg_sleep(2);");
        assertThat(fixture.run("--msr.target=102").exitCode()).isZero();
        try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
            PackagedJar.Started job = fixture.start();
            FaultFixture.await("V103 runs", () -> fixture.running("%pg_sleep(2)%"));
            blocker.setAutoCommit(false);
            statement.execute("lock table msr_schema_history in share mode");
            FaultFixture.await("V103 writes its history row", () -> fixture.waitingForTableLock(
                    "%msr_schema_history%"));
            FaultFixture.kill(job);
            assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
            blocker.commit();
        }
        // The statement reached the server before the kill, so the server completes it in autocommit: the work
        // and its record agree. (A kill before the row is sent leaves the STARTED row, see FaultIT.)
        FaultFixture.await("the killed session is gone", () -> !fixture.running("%"));
        assertThat(fixture.history()).containsExactly("101 UP true", "102 UP true", "103 STARTED false",
                "103 UP true");
        PackagedJar.Run rerun = fixture.run();
        assertThat(rerun.exitCode()).as(rerun.output()).isZero();
        assertThat(rerun.output()).contains("0 migration(s) run");
        assertThat(steps()).containsExactly("102", "103");
    }

    @Test
    void killedDuringADownRollbackLeavesTheMigrationItWasRevertingApplied() throws Exception {
        fixture.write("V102_step.down.sql", "delete from side where step = '102';\nselect pg_sleep(30);")
                .write("V103_step.up.sql", "select * from no_such_table;");
        PackagedJar.Started job = fixture.start("--msr.rollback-strategy=down");
        FaultFixture.await("the down of V102 runs", () -> fixture.running("%pg_sleep(30)%"));
        FaultFixture.kill(job);

        assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
        assertThat(fixture.history()).containsExactly("101 UP true", "102 UP true");
        assertThat(steps()).as("the down's transaction rolled back").containsExactly("102");
        fixture.write("V103_step.up.sql", "insert into side values ('103');");
        assertRerunCompletes();
    }

    @Test
    void killedWhilePgDumpRunsMigratesNothingAndTheNextBackupCleansUp() throws Exception {
        PgClientTools tools = PgClientTools.requireFor(db);
        assertThat(fixture.run("--msr.target=101").exitCode()).isZero();
        Path backups = dir.resolve("backups");
        String[] backup = {"--msr.rollback-strategy=backup", "--msr.backup.folder=" + backups,
                "--msr.backup.pg-dump=" + tools.pgDump(), "--msr.backup.pg-restore=" + tools.pgRestore()};
        try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("lock table side in access exclusive mode");
            PackagedJar.Started job = fixture.start(backup);
            FaultFixture.await("pg_dump waits for a table", () -> fixture.waitingForTableLock("%side%"));
            FaultFixture.kill(job);
            assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
            blocker.rollback();
        }
        assertThat(fixture.history()).containsExactly("101 UP true");
        assertThat(files(backups)).allMatch(name -> name.endsWith(".dump.partial"));

        assertRerunCompletes(backup);
        assertThat(files(backups)).as("the stale partial file is gone and the run's backup deleted").isEmpty();
    }

    @Test
    void killedWhilePgRestoreRunsKeepsTheBackupWhichRestoresByHand() throws Exception {
        PgClientTools tools = PgClientTools.requireFor(db);
        assertThat(fixture.run("--msr.target=101").exitCode()).isZero();
        String before = tools.schemaOnlyDump(db);
        fixture.write("V103_step.up.sql", "select * from no_such_table;");
        Path backups = dir.resolve("backups");
        String[] backup = {"--msr.backup.folder=" + backups, "--msr.backup.pg-dump=" + tools.pgDump(),
                "--msr.backup.pg-restore=" + tools.pgRestore()};
        try (Connection reader = db.connect(); Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            PackagedJar.Started job = fixture.start(concat(backup, "--msr.rollback-strategy=backup"));
            FaultFixture.await("V102 committed", () -> fixture.versionsDone().contains("102"));
            statement.execute("lock table side in access share mode");
            FaultFixture.await("pg_restore waits to drop a table", () -> fixture.waitingForTableLock("%side%"));
            FaultFixture.kill(job);
            assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
            reader.rollback();
        }
        List<String> kept = files(backups).stream().filter(name -> name.endsWith(".dump")).toList();
        assertThat(kept).singleElement().asString().endsWith(".dump");
        assertThat(files(backups)).as("the dump's checksum, which the restore checks").contains(kept.get(0) + ".sha256");

        PackagedJar.Run restore = fixture.run(concat(backup, "--msr.mode=restore", "--msr.force=true",
                "--msr.backup.file=" + backups.resolve(kept.get(0))));
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(tools.schemaOnlyDump(db)).isEqualTo(before);
        assertThat(fixture.history()).containsExactly("101 UP true");
        assertThat(steps()).isEmpty();
        fixture.write("V103_step.up.sql", "insert into side values ('103');");
        assertRerunCompletes();
    }

    @Test
    void anOperatorTerminatingTheLockConnectionStopsTheJobAndTheNextRunnerGetsTheLockAtOnce() throws Exception {
        fixture.write("V102_step.up.sql", "insert into side values ('102');\nselect pg_sleep(3);");
        PackagedJar.Started job = fixture.start();
        FaultFixture.await("V102 runs", () -> fixture.running("%pg_sleep(3)%"));
        db.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'msr lock%'"
                + " and datname = current_database()");

        assertThat(fixture.lockFreeAfterMs()).isLessThan(2_000);
        PackagedJar.Run stopped = job.await(java.time.Duration.ofMinutes(1));
        assertThat(stopped.exitCode()).as(stopped.output()).isNotZero();
        assertThat(stopped.output()).contains("lock");
        assertThat(fixture.history()).doesNotContain("103 UP true");
        assertRerunCompletes();
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    private static List<String> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
