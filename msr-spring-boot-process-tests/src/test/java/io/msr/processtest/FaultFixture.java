package io.msr.processtest;

import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A database, a folder of migrations and the packaged jar for fault tests: starts migrate Jobs the way Kubernetes
 * does (configured through {@code DATABASE_URL}), kills them as a node or the OOM killer would, and reads what
 * they left behind.
 */
final class FaultFixture {

    static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    final TestDatabase db;
    final Path migrations;

    FaultFixture(TestDatabase db, Path migrations) {
        this.db = db;
        this.migrations = migrations;
    }

    /** Writes a migration file. */
    FaultFixture write(String file, String sql) {
        try {
            Files.writeString(migrations.resolve(file), sql);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code java -jar app.jar --msr.mode=migrate} (or the mode in {@code extra}) over the migrations. */
    PackagedJar.Started start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--msr.locations=filesystem:" + migrations,
                "--test.java-migration.enabled=false", "--msr.lock.wait-timeout=2m"));
        args.addAll(List.of(extra));
        if (args.stream().noneMatch(arg -> arg.startsWith("--msr.mode="))) {
            args.add("--msr.mode=migrate");
        }
        return APP.start(Map.of("DATABASE_URL", "postgres://" + db.username() + "@" + db.server().host() + ":"
                + db.server().port() + "/" + db.name()), args);
    }

    /** Runs a Job to its end. */
    PackagedJar.Run run(String... extra) {
        return start(extra).await(Duration.ofMinutes(2));
    }

    /** Kills the process and every process it started (pg_dump, pg_restore), as a pod's termination does. */
    static void kill(PackagedJar.Started job) throws InterruptedException {
        job.process().descendants().forEach(ProcessHandle::destroyForcibly);
        job.process().destroyForcibly().waitFor();
    }

    Msr msr() {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().locations("filesystem:" + migrations).build()).build();
    }

    /** Returns the history as {@code version operation success} rows. */
    List<String> history() {
        return db.queryForStrings("select version || ' ' || operation || ' ' || success from msr_schema_history"
                + " order by id");
    }

    boolean historyTableExists() {
        return db.queryForObject("select count(*) from pg_tables where tablename = 'msr_schema_history'", Long.class)
                > 0;
    }

    /** Returns the versions with a successful row so far. */
    List<String> versionsDone() {
        if (!historyTableExists()) {
            return List.of();
        }
        return db.queryForStrings("select distinct version::text from msr_schema_history where success");
    }

    /** Returns true while a migrate process runs a statement matching the SQL {@code like} pattern. */
    boolean running(String likePattern) {
        return db.queryForObject("select count(*) from pg_stat_activity where application_name like 'msr migrate%'"
                + " and state = 'active' and datname = current_database() and query like '" + likePattern + "'", Long.class)
                > 0;
    }

    /** Returns true while a migrate process waits for a table lock on a statement matching the pattern. */
    boolean waitingForTableLock(String likePattern) {
        return db.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and datname = current_database() and query like '" + likePattern + "' and pid <> pg_backend_pid()",
                Long.class) > 0;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(25);
        }
    }

    /** Waits until the migration lock is free and returns how long that took. */
    long lockFreeAfterMs() throws InterruptedException {
        long start = System.nanoTime();
        await("the migration lock is free", () -> !msr().lockStatus().held());
        return (System.nanoTime() - start) / 1_000_000;
    }
}
