package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TcpRelay;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migrate Job that starts before its database ({@code msr.connect.wait}): the packaged app, started with
 * {@code java -jar}, points at a port where nothing listens until a relay to the test server opens there. It waits
 * (60s by default in one-shot modes), logging each attempt, and migrates once the database answers; with a short
 * wait and no database it exits 7 saying how long it waited and why.
 */
@WithPostgres
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectWaitIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    @TempDir
    Path dir;

    private final TestDatabase db;

    ConnectWaitIT(TestDatabase db) {
        this.db = db;
    }

    private static String databaseUrl(TcpRelay relay, String password, String database) {
        return "postgres://" + "postgres:" + password + "@127.0.0.1:" + relay.port() + "/" + database;
    }

    @Test
    void aJobStartedBeforeTheDatabaseListensMigratesOnceItDoes() throws Exception {
        String schema = db.freshSchema().name();
        try (TcpRelay relay = new TcpRelay(db.server().host(), db.server().port())) {
            PackagedJar.Started job = APP.start(Map.of("DATABASE_URL", databaseUrl(relay, "late-Secret", db.name())),
                    List.of("--msr.mode=migrate", "--msr.schema=" + schema,
                            "--spring.datasource.username=" + db.username(),
                            "--spring.datasource.password=" + db.password(),
                            "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                            "--test.markers=" + dir.resolve("markers")));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!job.output().contains("does not accept connections yet (attempt 2)")) {
                assertThat(job.process().isAlive()).as(job.output()).isTrue();
                assertThat(System.nanoTime()).as("the Job's second attempt").isLessThan(deadline);
                Thread.sleep(50);
            }
            relay.listen(TcpRelay.Mode.FORWARD);

            PackagedJar.Run run = job.await(Duration.ofMinutes(2));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("does not accept connections yet (attempt 1)")
                    .contains("left of msr.connect.wait=60s").contains("accepts connections now")
                    .contains("MSR migrate succeeded: 2 migration(s) run").doesNotContain("late-Secret");
            assertThat(db.queryForStrings("select text from " + schema + ".greeting"))
                    .containsExactly("hello from a Spring bean");
        }
    }

    @Test
    void aJobWhoseDatabaseNeverComesExitsSevenAfterItsWait() throws Exception {
        try (TcpRelay relay = new TcpRelay(db.server().host(), db.server().port())) {
            long start = System.nanoTime();
            PackagedJar.Run run = APP.run(Map.of("DATABASE_URL", databaseUrl(relay, "never-Secret", "app")),
                    List.of("--msr.mode=migrate", "--msr.connect.wait=3s",
                            "--msr.summary-path=" + dir.resolve("summary.json")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(7);
            assertThat(took).isGreaterThan(Duration.ofSeconds(3));
            assertThat(run.output()).contains("does not accept connections yet (attempt 1)")
                    .containsPattern("waited 3(\\.\\d)?s \\(msr\\.connect\\.wait=3s, \\d+ attempts\\)")
                    .contains("refused").doesNotContain("never-Secret");
            assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"exitCode\":7")
                    .contains("msr.connect.wait=3s").doesNotContain("never-Secret");
        }
    }
}
