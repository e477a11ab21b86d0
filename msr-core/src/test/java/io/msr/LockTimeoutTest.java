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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Migrations never freeze the application behind a table lock: lock_timeout, transient retries, invalid indexes. */
@WithPostgres
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockTimeoutTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    LockTimeoutTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        db.execute("create table " + schema + ".accounts (id int primary key, balance int not null)");
        db.execute("insert into " + schema + ".accounts select g, 100 from generate_series(1, 100) g");
        folder = new MigrationFolder(dir);
        // The table existed before MSR: its history starts with a baseline, as the first migrate demands.
        msr(folder.settings()).baseline(Version.of(0));
    }

    private Msr msr(MsrSettings.Builder settings, io.msr.MigrationListener... listeners) {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password()).settings(settings.schema(schema).build())
                .listeners(listeners).build();
    }

    @Test
    void aBlockedMigrationTimesOutRetriesAndSucceedsWhileOtherQueriesAreNeverBlockedLonger() throws Exception {
        folder.write("V1_add_column.up.sql", "alter table " + schema + ".accounts add column note text;");
        AtomicInteger attempts = new AtomicInteger();
        io.msr.MigrationListener counting = new io.msr.MigrationListener() {
            @Override
            public void migrationStarted(Version version, String description, String script, Direction direction) {
                attempts.incrementAndGet();
            }
        };
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong slowestQueryMs = new AtomicLong();
        try (Connection holder = db.connect(); Statement hold = holder.createStatement()) {
            holder.setAutoCommit(false);
            hold.execute("select * from " + schema + ".accounts where id = 1");
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                try (Connection app = db.connect(); Statement query = app.createStatement()) {
                    while (running.get()) {
                        long start = System.nanoTime();
                        query.execute("select sum(balance) from " + schema + ".accounts");
                        slowestQueryMs.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<OperationResult> migration = CompletableFuture.supplyAsync(() -> msr(folder.settings()
                    .lockTimeout(Duration.ofMillis(300)).retryMaxAttempts(10), counting).migrate());
            Thread.sleep(1_200);
            assertThat(migration).isNotDone();
            holder.commit();
            OperationResult result = migration.get(30, TimeUnit.SECONDS);
            running.set(false);
            traffic.get(10, TimeUnit.SECONDS);

            assertThat(result.executed()).singleElement().extracting(ExecutedMigration::outcome)
                    .isEqualTo(ExecutedMigration.Outcome.SUCCEEDED);
            assertThat(attempts.get()).isGreaterThan(1);
            assertThat(slowestQueryMs.get()).as("the application's queries waited at most about the lock timeout")
                    .isLessThan(1_000);
            assertThat(db.queryForObject("select count(*) from information_schema.columns where table_schema = '"
                    + schema + "' and column_name = 'note'", Long.class)).isEqualTo(1);
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLockTimeoutSqlState() throws Exception {
        folder.write("V1_add_column.up.sql", "-- msr:lock-timeout=100ms\nalter table " + schema
                + ".accounts add column note text;");
        try (Connection holder = db.connect(); Statement hold = holder.createStatement()) {
            holder.setAutoCommit(false);
            hold.execute("select * from " + schema + ".accounts where id = 1");
            MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                    () -> msr(folder.settings().retryMaxAttempts(2)).migrate());
            assertThat(error.sqlState()).contains("55P03");
            assertThat(error.getMessage()).contains("lock timeout");
        }
    }

    @Test
    void neverRetriesAnErrorThatIsNotTransient() {
        folder.write("V1_broken.up.sql", "select * from nowhere;");
        AtomicInteger attempts = new AtomicInteger();
        io.msr.MigrationListener counting = new io.msr.MigrationListener() {
            @Override
            public void migrationStarted(Version version, String description, String script, Direction direction) {
                attempts.incrementAndGet();
            }
        };
        catchThrowableOfType(MigrationFailedException.class, () -> msr(folder.settings(), counting).migrate());
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void appliesTheStatementTimeoutOfTheFile() {
        folder.write("V1_slow.up.sql", "-- msr:statement-timeout=200ms\nselect pg_sleep(2);");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());
        assertThat(error.sqlState()).contains("57014");
    }

    @Test
    void namesTheInvalidIndexAFailedConcurrentBuildLeavesAndHowToDropIt() {
        db.execute("insert into " + schema + ".accounts values (101, 100)");
        folder.write("V1_unique_balance.up.sql", "-- msr:transaction=false\ncreate unique index concurrently"
                + " accounts_balance_key on " + schema + ".accounts (balance);");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());
        assertThat(error.getMessage()).contains("INVALID index(es) " + schema + ".accounts_balance_key")
                .contains("DROP INDEX CONCURRENTLY IF EXISTS " + schema + ".accounts_balance_key;")
                .contains("msr.mode=repair");
    }

    @Test
    void quotesAMixedCaseInvalidIndexSoItsDropStatementWorksAsPrinted() {
        db.execute("insert into " + schema + ".accounts values (101, 100)");
        folder.write("V1_unique_balance.up.sql", "-- msr:transaction=false\ncreate unique index concurrently"
                + " \"Accounts Balance_Key\" on " + schema + ".accounts (balance);");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings()).migrate());
        String drop = "DROP INDEX CONCURRENTLY IF EXISTS " + schema + ".\"Accounts Balance_Key\"";
        assertThat(error.getMessage()).contains(drop + ";");

        db.execute(drop);
        assertThat(db.queryForObject("select count(*) from pg_index where not indisvalid", Long.class)).isZero();
    }
}
