package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database server restarted while a migrate Job runs: the Job exits 7 with a clear message, nothing of the
 * interrupted transactional migration remains, and a rerun completes. Uses a server of its own, so that the
 * restart disturbs no other test.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServerRestartIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    @TempDir
    Path work;

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static List<String> query(int port, String sql) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port
                + "/postgres", "postgres", "");
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }

    @Test
    void aRestartMidRunExitsSevenAndARerunCompletes() throws Exception {
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(migrations.resolve("V101_side.up.sql"), "create table side (step text);");
        Files.writeString(migrations.resolve("V102_slow.up.sql"),
                "insert into side values ('102-a');\nselect pg_sleep(5);\ninsert into side values ('102-b');");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = work.resolve("data");
        EmbeddedPostgres server = start(data, port);
        List<String> args = List.of("--msr.mode=migrate", "--msr.locations=filesystem:" + migrations,
                "--test.java-migration.enabled=false");
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://postgres:restart-Secret@localhost:" + port
                + "/postgres");
        try {
            PackagedJar.Started job = APP.start(env, args);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (query(port, "select 1 from pg_stat_activity where query like 'select pg_sleep(5)%'").isEmpty()) {
                assertThat(System.nanoTime()).as("V102 started").isLessThan(deadline);
                Thread.sleep(25);
            }
            server.close();
            PackagedJar.Run interrupted = job.await(Duration.ofMinutes(1));
            assertThat(interrupted.exitCode()).as(interrupted.output()).isEqualTo(7);
            assertThat(interrupted.output()).contains("V102").containsAnyOf("connection", "Connection")
                    .doesNotContain("restart-Secret");

            server = start(data, port);
            assertThat(query(port, "select step from side")).as("nothing of V102 remains").isEmpty();
            PackagedJar.Run rerun = APP.run(env, args);
            assertThat(rerun.exitCode()).as(rerun.output()).isZero();
            assertThat(query(port, "select step from side order by step")).containsExactly("102-a", "102-b");
        } finally {
            server.close();
        }
    }
}
