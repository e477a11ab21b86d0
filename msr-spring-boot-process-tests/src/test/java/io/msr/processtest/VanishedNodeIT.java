package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner's node vanishes mid-migration, proven by cutting a real network link: the runner runs inside a network
 * namespace whose only way to the PostgreSQL server is a veth pair ({@link NetworkLink}), the link is cut while it
 * holds the lock inside a long migration, and the server is left with half-open sessions, as after a power loss or a
 * partition. With {@code msr.postgres.dead-client-timeout=10s}: a second runner on the healthy side gets the lock
 * within the timeout plus a margin and completes, every migration applied exactly once; the cut-off runner exits 7
 * within the timeout, applying nothing after the cut; and a link that comes back before the timeout breaks nothing.
 * The server is a private one, listening on the link's host end and on 127.0.0.1; skipped, with the reason, where
 * network namespaces cannot be made (not root, no {@code ip}).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VanishedNodeIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** MSR's advisory lock keys all start with "MSR" in ASCII. */
    private static final long MSR_LOCK_NAMESPACE = 0x4D5352;

    @TempDir
    static Path serverDirectory;

    private static NetworkLink link;
    private static EmbeddedPostgres server;
    private static int port;

    @TempDir
    Path migrations;

    private String database;
    private final List<PackagedJar.Started> started = new ArrayList<>();

    @BeforeAll
    static void linkAndServer() throws Exception {
        link = NetworkLink.create();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = EmbeddedPostgres.builder().setDataDirectory(serverDirectory.resolve("data")).setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1," + link.hostAddress()).start();
        Files.writeString(serverDirectory.resolve("data").resolve("pg_hba.conf"),
                "\nhost all all " + link.namespaceAddress() + "/32 trust\n", java.nio.file.StandardOpenOption.APPEND);
        admin("select pg_reload_conf()");
    }

    @AfterAll
    static void removeLinkAndServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (link != null) {
                link.close();
            }
        }
    }

    @BeforeEach
    void databaseAndMigrations() throws Exception {
        database = "vanish_" + System.nanoTime();
        admin("create database " + database);
        Files.writeString(migrations.resolve("V1_side.up.sql"), "create table side (step text);");
        Files.writeString(migrations.resolve("V2_slow.up.sql"), "insert into side values ('2-a');\n"
                + "select pg_sleep(${nap});\ninsert into side values ('2-b');");
        Files.writeString(migrations.resolve("V3_last.up.sql"), "insert into side values ('3');");
    }

    @AfterEach
    void cleanUp() throws Exception {
        link.heal();
        for (PackagedJar.Started job : started) {
            job.process().destroyForcibly().waitFor();
        }
        admin("drop database if exists " + database + " with (force)");
    }

    @Test
    void aWaiterTakesOverWithinTheTimeoutAndTheCutOffRunnerExitsSevenApplyingNothingAfterTheCut() throws Exception {
        PackagedJar.Started cutOff = runner(true, 60);
        await("V2 sleeps in the runner behind the link", () -> sleeping(cutOff));
        PackagedJar.Started waiter = runner(false, 0);
        await("the second runner waits for the lock", () -> lockSessions() == 2);

        link.cut();
        long cut = System.nanoTime();
        long lockTakenMs = -1;
        long cutOffExitMs = -1;
        while (lockTakenMs < 0 || cutOffExitMs < 0) {
            long ms = (System.nanoTime() - cut) / 1_000_000;
            assertThat(ms).as("the lock changed hands and the cut-off runner exited").isLessThan(60_000);
            if (lockTakenMs < 0 && lockHolder().contains(" " + waiter.process().pid() + "@")) {
                lockTakenMs = ms;
            }
            if (cutOffExitMs < 0 && !cutOff.process().isAlive()) {
                cutOffExitMs = ms;
            }
            Thread.sleep(50);
        }
        PackagedJar.Run stopped = cutOff.await(Duration.ofSeconds(5));
        PackagedJar.Run completed = waiter.await(Duration.ofMinutes(1));
        // MSR's own sessions: the application's pool keeps idle sessions of its own, which MSR leaves as they are.
        long serverDroppedMs = awaitMs(cut, "the server dropped MSR's sessions of the vanished runner",
                () -> query("select count(*) from pg_stat_activity where client_addr = '" + link.namespaceAddress()
                        + "' and application_name like 'msr %'").equals(List.of("0")));
        System.out.printf("VanishedNodeIT: dead-client-timeout %s: cut-off runner exited %d after %d ms; the waiter"
                + " took the lock after %d ms; the server had dropped the vanished sessions after %d ms%n",
                TIMEOUT, stopped.exitCode(), cutOffExitMs, lockTakenMs, serverDroppedMs);

        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(7);
        assertThat(stopped.output()).contains("migration lock").contains("was lost");
        assertThat(cutOffExitMs).as("the cut-off runner stops within the timeout").isLessThan(TIMEOUT.toMillis());
        assertThat(completed.exitCode()).as(completed.output()).isZero();
        assertThat(lockTakenMs).as("the waiter gets the lock within the timeout plus a margin")
                .isGreaterThanOrEqualTo(cutOffExitMs).isLessThan(TIMEOUT.toMillis() + 8_000);
        assertThat(query("select version || ' ' || operation || ' ' || success from msr_schema_history order by id"))
                .containsExactly("1 UP true", "2 UP true", "3 UP true");
        assertThat(query("select step from side order by step")).containsExactly("2-a", "2-b", "3");
    }

    @Test
    void aLinkThatComesBackBeforeTheTimeoutBreaksNothing() throws Exception {
        PackagedJar.Started runner = runner(true, 6);
        await("V2 sleeps in the runner behind the link", () -> sleeping(runner));
        link.cut();
        Thread.sleep(2_000);
        link.heal();
        PackagedJar.Run run = runner.await(Duration.ofMinutes(1));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(query("select version || ' ' || operation || ' ' || success from msr_schema_history order by id"))
                .containsExactly("1 UP true", "2 UP true", "3 UP true");
        assertThat(query("select step from side order by step")).containsExactly("2-a", "2-b", "3");
    }

    /**
     * Flyway under the same cut (its PostgreSQL lock is an advisory lock on its own session too), with the server's
     * and the operating system's default keepalives: how long the server keeps the vanished runner's lock. Takes
     * {@code msr.vanish.flyway-patience} (60 s by default), so it runs only when asked:
     * {@code -Dmsr.vanish.flyway=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "msr.vanish.flyway", matches = "true")
    void flywayUnderTheSameCutKeepsItsLockAsLongAsTheServerKeepsTheSession() throws Exception {
        Path flyway = Files.createDirectories(migrations.resolve("flyway"));
        Files.writeString(flyway.resolve("V1__side.sql"), "create table side (step text);");
        Files.writeString(flyway.resolve("V2__slow.sql"), "insert into side values ('2-a');\nselect pg_sleep(600);");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(link.launcher());
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), FlywayRunner.class.getName(),
                "jdbc:postgresql://" + link.hostAddress() + ":" + port + "/" + database, "postgres",
                "filesystem:" + flyway));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("flyway-runner", ".log").toFile()).start();
        try {
            await("Flyway's V2 sleeps", () -> !query("select 1 from pg_stat_activity where client_addr = '"
                    + link.namespaceAddress() + "' and query like '%pg_sleep(600)%'").isEmpty());
            String flywayLock = "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                    + " where l.locktype = 'advisory' and l.granted and a.client_addr = '" + link.namespaceAddress()
                    + "'";
            assertThat(query(flywayLock)).as("Flyway holds an advisory lock").doesNotContain("0");
            link.cut();
            long cut = System.nanoTime();
            long patience = Long.getLong("msr.vanish.flyway-patience", 60) * 1000;
            long freedMs = -1;
            while ((System.nanoTime() - cut) / 1_000_000 < patience) {
                if (query(flywayLock).equals(List.of("0"))) {
                    freedMs = (System.nanoTime() - cut) / 1_000_000;
                    break;
                }
                Thread.sleep(500);
            }
            System.out.printf("VanishedNodeIT: Flyway, default keepalives (%s): %s%n",
                    query("select current_setting('tcp_keepalives_idle') || 's idle, '"
                            + " || current_setting('tcp_keepalives_interval') || 's interval, '"
                            + " || current_setting('tcp_keepalives_count') || ' probes'"),
                    freedMs < 0 ? "the lock was still held " + patience / 1000 + " s after the cut"
                            : "the lock was freed " + freedMs + " ms after the cut");
            assertThat(freedMs).as("the server keeps the vanished Flyway runner's lock").isNegative();
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /** Starts a migrate Job: behind the link (inside the namespace), or on the healthy side. */
    private PackagedJar.Started runner(boolean behindTheLink, int napSeconds) {
        String host = behindTheLink ? link.hostAddress() : "127.0.0.1";
        List<String> args = List.of("--msr.mode=migrate", "--msr.locations=filesystem:" + migrations,
                "--test.java-migration.enabled=false", "--msr.lock.wait-timeout=2m",
                "--msr.postgres.dead-client-timeout=" + TIMEOUT.toSeconds() + "s", "--msr.placeholders.nap=" + napSeconds);
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://postgres@" + host + ":" + port + "/" + database);
        PackagedJar.Started job = APP.start(behindTheLink ? link.launcher() : List.of(), env, args);
        started.add(job);
        return job;
    }

    private boolean sleeping(PackagedJar.Started job) {
        assertThat(job.process().isAlive()).as(job.output()).isTrue();
        return !query("select 1 from pg_stat_activity where application_name like 'msr migrate "
                + job.process().pid() + "@%' and state = 'active' and query like '%pg_sleep%'").isEmpty();
    }

    private long lockSessions() {
        return Long.parseLong(query("select count(*) from pg_stat_activity where application_name like 'msr lock %'"
                + " and datname = current_database()").get(0));
    }

    /** The application name of the session holding an MSR lock in this database, or "" when none does. */
    private String lockHolder() {
        List<String> holder = query("select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.classid::bigint = " + MSR_LOCK_NAMESPACE
                + " and l.database = (select oid from pg_database where datname = current_database())");
        return holder.isEmpty() ? "" : holder.get(0);
    }

    private List<String> query(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/"
                + database, "postgres", "");
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        awaitMs(System.nanoTime(), what, condition);
    }

    /** Waits up to a minute for the condition; returns the milliseconds since {@code from}. */
    private static long awaitMs(long from, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
        return (System.nanoTime() - from) / 1_000_000;
    }
}
