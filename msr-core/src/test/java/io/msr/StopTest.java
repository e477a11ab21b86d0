package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Msr#stop()} ends a run from another thread promptly: cancelled, rolled back, lock released, exit code 10. */
@WithPostgres
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StopTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    StopTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
    }

    private Msr msr() {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(folder.settings().schema(schema).build()).build();
    }

    @Test
    void stopCancelsTheRunningStatementRollsBackAndReleasesTheLock() throws Exception {
        folder.write("V1_first.up.sql", "create table " + schema + ".t (id int);");
        folder.write("V2_slow.up.sql", "insert into " + schema + ".t values (1);\nselect pg_sleep(60);");
        Msr msr = msr();
        CompletableFuture<OperationResult> run = CompletableFuture.supplyAsync(msr::migrate);
        awaitRunning("pg_sleep");
        long start = System.nanoTime();
        msr.stop();
        RunInterruptedException stopped = failure(run);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(stopped.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(stopped.version()).contains(Version.of(2));
        assertThat(stopped.getMessage()).contains("Interrupted", "V2", "rolled back");
        assertThat(stopped.result()).hasValueSatisfying(result -> {
            assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(result.failure().exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        });
        assertThat(db.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and database ="
                + " (select oid from pg_database where datname = current_database())", Long.class))
                .isZero();
        assertThat(db.queryForStrings("select version from " + schema + ".msr_schema_history order by 1"))
                .containsExactly("1");
        assertThat(db.queryForObject("select count(*) from " + schema + ".t", Long.class)).isZero();
        // Once stopped the engine stays stopped; a new engine applies the migration.
        assertThat(catchInterrupted(msr)).isNotNull();
        folder.write("V2_slow.up.sql", "insert into " + schema + ".t values (1);\nselect pg_sleep(0);");
        assertThat(msr().migrate().executed()).hasSize(1);
    }

    @Test
    void stopEndsTheWaitForTheLockWithNothingApplied() throws Exception {
        folder.write("V1_first.up.sql", "create table " + schema + ".t (id int);");
        Msr msr = msr();
        LockStatus free = msr.lockStatus();
        try (Connection other = db.connect(); Statement hold = other.createStatement()) {
            String[] key = free.key().split(" ")[0].split(":");
            hold.execute("select pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
            CompletableFuture<OperationResult> run = CompletableFuture.supplyAsync(msr::migrate);
            Thread.sleep(1500);
            long start = System.nanoTime();
            msr.stop();
            RunInterruptedException stopped = failure(run);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(stopped.getMessage()).contains("Interrupted", "lock");
        }
        assertThat(db.queryForObject("select count(*) from pg_tables where schemaname = '" + schema + "'",
                Long.class)).isZero();
    }

    private static RunInterruptedException catchInterrupted(Msr msr) {
        try {
            msr.migrate();
            return null;
        } catch (RunInterruptedException e) {
            return e;
        }
    }

    private void awaitRunning(String text) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (db.queryForObject("select count(*) from pg_stat_activity where state = 'active' and query like '%"
                    + text + "%' and pid <> pg_backend_pid()", Long.class) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the statement never started");
    }

    private static RunInterruptedException failure(CompletableFuture<?> run) throws Exception {
        try {
            run.get(20, TimeUnit.SECONDS);
            throw new AssertionError("the run was not stopped");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RunInterruptedException.class);
            return (RunInterruptedException) e.getCause();
        }
    }
}
