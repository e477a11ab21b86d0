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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The migration lock as runners experience it through {@link Msr}: races, exit codes, release and a lost lock. What
 * the lock itself promises (waiting, timing out, status, forced release, a dead holder) is its contract:
 * {@code MigrationLockContract}.
 */
@WithPostgres
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockingTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    LockingTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        db.execute("create table " + schema + ".side_effects (version int not null)");
        folder = new MigrationFolder(dir);
        // The side-effect table exists before MSR's history: a baseline says the schema holds none of the migrations.
        msr().baseline(Version.of(0));
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.schema(schema).build());
    }

    private Msr msr() {
        return msr(folder.settings());
    }

    @Test
    void eightRunnersStartedAtOnceApplyEveryMigrationExactlyOnce() throws Exception {
        for (int v = 1; v <= 20; v++) {
            folder.write("V" + v + "_m.up.sql", "create table " + schema + ".t" + v + " (id int);\n"
                    + "insert into " + schema + ".side_effects values (" + v + ");\nselect pg_sleep(0.01);");
        }
        List<OperationResult> results = race(8, this::msr);
        assertThat(results).allMatch(OperationResult::success);
        assertThat(results.stream().mapToInt(r -> r.executed().size()).sum()).isEqualTo(20);
        assertThat(db.queryForObject("select count(*) from " + schema + ".side_effects", Long.class)).isEqualTo(20);
        assertThat(db.queryForObject("select count(distinct version) from " + schema + ".side_effects", Long.class))
                .isEqualTo(20);
        assertThat(db.queryForObject("select count(*) from " + schema + ".msr_schema_history where operation = 'UP'",
                Long.class)).isEqualTo(20);
    }

    @Test
    void createIndexConcurrentlyCompletesWhileOtherRunnersWait() throws Exception {
        folder.write("V1_table.up.sql", "create table " + schema + ".big as select g as a from generate_series(1, 20000) g;")
                .write("V2_index.up.sql", "-- msr:transaction=false\ncreate index concurrently big_a on " + schema
                        + ".big (a);\ninsert into " + schema + ".side_effects values (2);")
                .write("V3_after.up.sql", "insert into " + schema + ".side_effects values (3);");
        List<OperationResult> results = race(4, this::msr);
        assertThat(results).allMatch(OperationResult::success);
        assertThat(db.queryForObject("select count(*) from pg_indexes where indexname = 'big_a'", Long.class))
                .isEqualTo(1);
        assertThat(db.queryForObject("select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " where c.relname = 'big_a' and i.indisvalid", Long.class)).isEqualTo(1);
        assertThat(db.queryForStrings("select version::text from " + schema + ".side_effects order by version"))
                .containsExactly("2", "3");
    }

    @Test
    void aRunnerWaitingPastTheTimeoutFailsWithExitEightNamingTheHolder() throws Exception {
        folder.write("V1_a.up.sql", "select 1;");
        Msr msr = msr();
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            statement.execute("set application_name = 'msr lock 1@other-pod'");
            LockStatus free = msr.lockStatus();
            assertThat(free.held()).isFalse();
            statement.execute("select pg_advisory_lock(" + lockArgs(free.key()) + ")");

            List<String> events = new ArrayList<>();
            MigrationListener listener = new MigrationListener() {
                @Override
                public void lockWaitStarted(String key) {
                    events.add("started " + key);
                }

                @Override
                public void lockWaitFailed(String key, MsrException error) {
                    events.add("failed " + key + " " + error.getClass().getSimpleName());
                }

                @Override
                public void runFinished(OperationResult result) {
                    events.add("finished " + result.exitCode());
                }
            };
            LockTimeoutException error = catchThrowableOfType(LockTimeoutException.class,
                    () -> Msr.builder().url(db.jdbcUrl(), db.username(), db.password()).listeners(listener)
                            .settings(folder.settings().schema(schema).lockWaitTimeout(Duration.ofMillis(600)).build())
                            .build().migrate());
            assertThat(error.exitCode()).isEqualTo(ExitCode.LOCK_TIMEOUT);
            assertThat(events).containsExactly("started " + free.key(), "failed " + free.key()
                    + " LockTimeoutException", "finished LOCK_TIMEOUT");
            assertThat(error.getMessage()).contains(free.key()).contains("msr lock 1@other-pod")
                    .contains("lock-release");
        }
        assertThat(msr.migrate().executed()).hasSize(1);
    }

    @Test
    void aTerminatedLockHolderLetsTheNextRunnerInAtOnce() throws Exception {
        folder.write("V1_a.up.sql", "insert into " + schema + ".side_effects values (1);");
        Msr msr = msr();
        String key = msr.lockStatus().key();
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            statement.execute("set application_name = 'msr lock 2@dead-pod'");
            statement.execute("select pg_advisory_lock(" + lockArgs(key) + ")");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<OperationResult> waiting = pool.submit(() -> msr.migrate());
                Thread.sleep(300);
                assertThat(waiting.isDone()).isFalse();
                long terminatedAt = System.nanoTime();
                assertThat(msr(folder.settings().force(true)).releaseLock().holderPid()).isNotNull();
                OperationResult result = waiting.get(30, TimeUnit.SECONDS);
                assertThat(result.executed()).hasSize(1);
                assertThat(Duration.ofNanos(System.nanoTime() - terminatedAt)).isLessThan(Duration.ofSeconds(5));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void releaseLockNeedsForce() {
        assertThat(catchThrowableOfType(ConfigurationException.class, msr()::releaseLock).getMessage())
                .contains("msr.force=true");
    }

    @Test
    void stopsBeforeTheNextMigrationWhenTheLockConnectionDies() {
        folder.write("V1_slow.up.sql", "insert into " + schema + ".side_effects values (1);\nselect pg_sleep(0.5);")
                .write("V2_next.up.sql", "insert into " + schema + ".side_effects values (2);");
        Msr msr = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(folder.settings().schema(schema).build())
                .listeners(new io.msr.MigrationListener() {
                    @Override
                    public void migrationStarted(Version version, String description, String script, Direction direction) {
                        if (version.equals(Version.of(1))) {
                            db.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                                    + " where application_name like 'msr lock %' and pid <> pg_backend_pid()"
                                    + " and datname = current_database()");
                        }
                    }
                }).build();
        ConnectionException error = catchThrowableOfType(ConnectionException.class, msr::migrate);
        assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(error.getMessage()).contains("lock").contains("was lost");
        assertThat(db.queryForStrings("select version::text from " + schema + ".side_effects")).containsExactly("1");
        assertThat(msr().migrate().executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(2L));
    }

    @Test
    void cutsALongMigrationSoonAfterItsLockIsLostAndNothingOfItRemains() {
        folder.write("V1_long.up.sql", "insert into " + schema + ".side_effects values (1);\nselect pg_sleep(60);");
        Msr msr = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(folder.settings().schema(schema).deadClientTimeout(Duration.ofSeconds(3)).build())
                .listeners(new io.msr.MigrationListener() {
                    @Override
                    public void migrationStarted(Version version, String description, String script, Direction direction) {
                        db.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                                + " where application_name like 'msr lock %' and pid <> pg_backend_pid()"
                                + " and datname = current_database()");
                    }
                }).build();
        long start = System.nanoTime();
        ConnectionException error = catchThrowableOfType(ConnectionException.class, msr::migrate);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(error.getMessage()).contains("migration lock").contains("was lost")
                .contains("cut to stop V1 (V1_long.up.sql)");
        assertThat(error.version()).contains(Version.of(1));
        assertThat(db.queryForStrings("select version::text from " + schema + ".side_effects")).isEmpty();
        folder.write("V1_long.up.sql", "insert into " + schema + ".side_effects values (1);");
        assertThat(msr().migrate().executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(1L));
    }

    private static String lockArgs(String key) {
        String[] parts = key.substring(0, key.indexOf(' ')).split(":");
        return parts[0] + ", " + parts[1];
    }

    private static List<OperationResult> race(int runners, java.util.function.Supplier<Msr> msr) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<OperationResult>> futures = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                Msr runner = msr.get();
                futures.add(pool.submit(() -> {
                    start.await();
                    return runner.migrate();
                }));
            }
            start.countDown();
            List<OperationResult> results = new ArrayList<>();
            for (Future<OperationResult> future : futures) {
                results.add(future.get(90, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
