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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runners waiting for the lock that another runner holds: they finish without it once the history, read without the
 * lock, leaves nothing pending for them, and otherwise wait and apply under it.
 */
@WithPostgres
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockWaitersTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    LockWaitersTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        db.execute("create table " + schema + ".side_effects (version int not null)");
        folder = new MigrationFolder(dir);
        msr(new Events()).baseline(Version.of(0));
    }

    @Test
    void aWaiterFindingTheSchemaCurrentFinishesAtOnceWithoutTheLock() throws Exception {
        folder.write("V1_a.up.sql", "insert into " + schema + ".side_effects values (1);")
                .write("R_view.sql", "create or replace view " + schema + ".v as select 1 as one;");
        msr(new Events()).migrate();
        Events events = new Events();
        try (Connection holder = holdLock("msr lock 9@other-pod")) {
            OperationResult result = msr(events).migrate();

            assertThat(result.exitCode()).isEqualTo(ExitCode.SUCCESS);
            assertThat(result.executed()).isEmpty();
            assertThat(result.schemaVersionBefore()).isEqualTo(Version.of(1));
            assertThat(result.schemaVersionAfter()).isEqualTo(Version.of(1));
            assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                    .contains("Finished without the migration lock").contains("msr lock 9@other-pod"));
            assertThat(events.names()).startsWith("runStarted", "lockWaitStarted", "lockWaiting")
                    .endsWith("lockNotNeeded", "runFinished SUCCESS").doesNotContain("lockAcquired");
            assertThat(heldByTheTestOnly()).isTrue();
        }
    }

    @Test
    void aDryRunWithNothingPendingFinishesWithoutTheLockToo() throws Exception {
        folder.write("V1_a.up.sql", "insert into " + schema + ".side_effects values (1);");
        msr(new Events()).migrate();
        Events events = new Events();
        try (Connection holder = holdLock("msr lock 9@other-pod")) {
            OperationResult result = msr(events, folder.settings().dryRun(true)).migrate();
            assertThat(result.success()).isTrue();
            assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("without the migration lock"));
            assertThat(events.names()).contains("lockNotNeeded").doesNotContain("lockAcquired");
        }
    }

    @Test
    void aPreDeployWaiterFinishesWhenOnlyPostDeployMigrationsArePending() throws Exception {
        folder.write("V1_a.up.sql", "insert into " + schema + ".side_effects values (1);");
        msr(new Events()).migrate();
        folder.write("V2_drop.up.sql", "-- msr:phase=post-deploy\ninsert into " + schema + ".side_effects values (2);");
        Events events = new Events();
        try (Connection holder = holdLock("msr lock 9@other-pod")) {
            OperationResult result = msr(events, folder.settings().phase(PhaseSelection.PRE_DEPLOY)).migrate();
            assertThat(result.success()).isTrue();
            assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("post-deploy"))
                    .anySatisfy(note -> assertThat(note).contains("without the migration lock"));
            assertThat(events.names()).doesNotContain("lockAcquired");
        }
    }

    @Test
    void aWaiterWithPendingWorkWaitsAndAppliesOnceTheHolderReleases() throws Exception {
        folder.write("V1_a.up.sql", "insert into " + schema + ".side_effects values (1);");
        Events events = new Events();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = holdLock("msr lock 9@other-pod")) {
            Future<OperationResult> waiter = pool.submit(() -> msr(events).migrate());
            Thread.sleep(700);
            assertThat(waiter.isDone()).isFalse();
            try (Statement statement = holder.createStatement()) {
                statement.execute("select pg_advisory_unlock_all()");
            }
            OperationResult result = waiter.get(30, TimeUnit.SECONDS);
            assertThat(result.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(1));
            assertThat(result.notes()).noneMatch(note -> note.contains("without the migration lock"));
            assertThat(events.names()).contains("lockAcquired").doesNotContain("lockNotNeeded");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterSeeingAFailedMigrationKeepsWaitingSoTheNormalPathReportsIt() throws Exception {
        folder.write("V1_bad.up.sql", "-- msr:transaction=false\ninsert into " + schema
                + ".side_effects values (1);\nselect 1/0;");
        assertThat(catchFailure(() -> msr(new Events()).migrate())).isInstanceOf(MigrationFailedException.class);
        Events events = new Events();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = holdLock("msr lock 9@other-pod")) {
            Future<Throwable> waiter = pool.submit(() -> catchFailure(() -> msr(events).migrate()));
            Thread.sleep(500);
            assertThat(waiter.isDone()).isFalse();
            try (Statement statement = holder.createStatement()) {
                statement.execute("select pg_advisory_unlock_all()");
            }
            assertThat(waiter.get(30, TimeUnit.SECONDS)).isInstanceOf(ValidationException.class);
            assertThat(events.names()).contains("lockAcquired").doesNotContain("lockNotNeeded");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterFinishesWithoutTheLockOnceTheHolderHasAppliedEverything() throws Exception {
        folder.write("V1_a.up.sql", "insert into " + schema + ".side_effects values (1);")
                .write("V2_b.up.sql", "insert into " + schema + ".side_effects values (2);");
        CountDownLatch holderStarted = new CountDownLatch(1);
        CountDownLatch waiterWaits = new CountDownLatch(1);
        CompletableFuture<OperationResult> waiterResult = new CompletableFuture<>();
        Events waiterEvents = new Events() {
            @Override
            public void lockWaiting(LockStatus holder, Duration waited) {
                super.lockWaiting(holder, waited);
                waiterWaits.countDown();
            }
        };
        Events holderEvents = new Events() {
            @Override
            public void migrationStarted(Version version, String description, String script, Direction direction) {
                holderStarted.countDown();
                if (version.equals(Version.of(2))) {
                    await(waiterWaits);
                }
            }

            @Override
            public void migrationSucceeded(ExecutedMigration migration) {
                // V2 is committed and the lock still held: the waiter must finish before the holder releases it.
                if (migration.version().equals(Version.of(2))) {
                    try {
                        waiterResult.get(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the waiter did not finish while the lock was held", e);
                    }
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<OperationResult> holder = pool.submit(() -> msr(holderEvents).migrate());
            await(holderStarted);
            pool.submit(() -> {
                try {
                    waiterResult.complete(msr(waiterEvents).migrate());
                } catch (RuntimeException e) {
                    waiterResult.completeExceptionally(e);
                }
            });
            OperationResult waited = waiterResult.get(30, TimeUnit.SECONDS);
            assertThat(holder.get(30, TimeUnit.SECONDS).executed()).hasSize(2);
            assertThat(waited.executed()).isEmpty();
            assertThat(waited.schemaVersionAfter()).isEqualTo(Version.of(2));
            assertThat(waited.notes()).anySatisfy(note -> assertThat(note).contains("without the migration lock")
                    .contains("msr lock "));
            assertThat(waiterEvents.names()).contains("lockWaiting", "lockNotNeeded").doesNotContain("lockAcquired");
            assertThat(db.queryForObject("select count(*) from " + schema + ".side_effects", Long.class)).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tenRacingRunnersOnAHundredMigrationsTakeTheLockOnceAndTheOthersFinishWithoutIt() throws Exception {
        for (int v = 1; v <= 100; v++) {
            folder.write("V" + v + "_m.up.sql", "insert into " + schema + ".side_effects values (" + v + ");");
        }
        Race race = race(10, "100 pending migrations");
        assertThat(race.results).allMatch(OperationResult::success);
        assertThat(race.results).filteredOn(result -> !result.executed().isEmpty()).singleElement()
                .satisfies(result -> assertThat(result.executed()).hasSize(100));
        assertThat(db.queryForObject("select count(distinct version) from " + schema + ".side_effects", Long.class))
                .isEqualTo(100);
        assertThat(db.queryForObject("select count(*) from " + schema + ".side_effects", Long.class)).isEqualTo(100);
        // The runner that won, plus at most a rare waiter whose next try found the lock just freed.
        assertThat(race.acquisitions.get()).isBetween(1, 2);
        assertThat(race.acquisitions.get() + race.notNeeded.get()).isEqualTo(10);
    }

    @Test
    void tenRacingRunnersOnACurrentSchemaEachFinishOnce() throws Exception {
        folder.write("V1_a.up.sql", "insert into " + schema + ".side_effects values (1);");
        msr(new Events()).migrate();
        Race race = race(10, "nothing pending");
        assertThat(race.results).allMatch(OperationResult::success).allMatch(result -> result.executed().isEmpty());
        assertThat(race.acquisitions.get()).isPositive();
        assertThat(race.acquisitions.get() + race.notNeeded.get()).isEqualTo(10);
    }

    /** What racing runners did: their results and how many took the lock or finished without it. */
    private record Race(List<OperationResult> results, AtomicInteger acquisitions, AtomicInteger notNeeded) {
    }

    /** Starts {@code runners} migrate runners at once; prints the lock acquisitions and the slowest runner's time. */
    private Race race(int runners, String what) throws Exception {
        Race race = new Race(new ArrayList<>(), new AtomicInteger(), new AtomicInteger());
        MigrationListener counting = new MigrationListener() {
            @Override
            public void lockAcquired(String key, Duration waited) {
                race.acquisitions.incrementAndGet();
            }

            @Override
            public void lockNotNeeded(String key, Duration waited) {
                race.notNeeded.incrementAndGet();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        long start = System.nanoTime();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<OperationResult>> futures = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                Msr runner = Msr.builder().url(db.jdbcUrl(), db.username(), db.password()).listeners(counting)
                        .settings(folder.settings().schema(schema).build()).build();
                futures.add(pool.submit(() -> {
                    go.await();
                    return runner.migrate();
                }));
            }
            start = System.nanoTime();
            go.countDown();
            for (Future<OperationResult> future : futures) {
                race.results.add(future.get(90, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("%d racing runners, %s: all done in %d ms (slowest run %d ms), %d lock acquisition(s),"
                + " %d finished without the lock%n", runners, what,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                race.results.stream().mapToLong(OperationResult::durationMs).max().orElse(0),
                race.acquisitions.get(), race.notNeeded.get());
        return race;
    }

    private Msr msr(MigrationListener listener) {
        return msr(listener, folder.settings());
    }

    private Msr msr(MigrationListener listener, MsrSettings.Builder settings) {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password()).listeners(listener)
                .settings(settings.schema(schema).build()).build();
    }

    /** Takes the migration lock from a session of the test's own, named as another pod's runner. */
    private Connection holdLock(String applicationName) throws Exception {
        String key = msr(new Events()).lockStatus().key();
        String[] parts = key.substring(0, key.indexOf(' ')).split(":");
        Connection holder = db.connect();
        try (Statement statement = holder.createStatement()) {
            statement.execute("set application_name = '" + applicationName + "'");
            statement.execute("select pg_advisory_lock(" + parts[0] + ", " + parts[1] + ")");
        }
        return holder;
    }

    /** Returns whether the only advisory lock in this database is the test's, and no MSR lock session is left. */
    private boolean heldByTheTestOnly() {
        return db.queryForObject("select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and a.datname = current_database()"
                + " and a.application_name like 'msr lock 9@%'", Long.class) == 1
                && db.queryForObject("select count(*) from pg_stat_activity where datname = current_database()"
                + " and application_name like 'msr lock %' and application_name not like 'msr lock 9@%'",
                Long.class) == 0;
    }

    private static Throwable catchFailure(Runnable run) {
        try {
            run.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the listener calls by name. */
    private static class Events implements MigrationListener {

        private final List<String> names = new CopyOnWriteArrayList<>();

        List<String> names() {
            return names;
        }

        @Override
        public void runStarted(Operation operation) {
            names.add("runStarted");
        }

        @Override
        public void lockWaitStarted(String key) {
            names.add("lockWaitStarted");
        }

        @Override
        public void lockWaiting(LockStatus holder, Duration waited) {
            names.add("lockWaiting");
        }

        @Override
        public void lockAcquired(String key, Duration waited) {
            names.add("lockAcquired");
        }

        @Override
        public void lockNotNeeded(String key, Duration waited) {
            names.add("lockNotNeeded");
        }

        @Override
        public void lockWaitFailed(String key, MsrException error) {
            names.add("lockWaitFailed");
        }

        @Override
        public void runFinished(OperationResult result) {
            names.add("runFinished " + result.exitCode());
        }
    }
}
