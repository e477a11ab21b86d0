package io.msr.existingapp;

import io.msr.test.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application started before the migrate Job with {@code msr.verify.wait-on-start}: it holds JPA, its
 * startup work and the web port until the Job has migrated, then completes its startup by itself; when the wait
 * runs out, startup fails naming the pending migrations and the property.
 */
class WaitOnStartIT extends ExistingAppDatabases {

    private static final PackagedJar JAR = new PackagedJar(ExistingApp.JAR);
    private static final String WAITING = "MSR is waiting for the schema before the application starts";

    @TempDir
    Path dir;

    @Test
    void theApplicationWaitsForTheJobAndThenCompletesItsStartupByItself() {
        waitsForTheJobAndThenStarts(new ExistingApp(JAR, Map.of(), db, audit, dir), "Started ExistingApplication");
    }

    @Test
    void theAotProcessedApplicationWaitsForTheJobAndThenCompletesItsStartupByItself() {
        ExistingApp app = new ExistingApp(JAR, Map.of("JAVA_TOOL_OPTIONS", "-Dspring.aot.enabled=true"), db, audit,
                dir);
        waitsForTheJobAndThenStarts(app, "Starting AOT-processed ExistingApplication");
    }

    @Test
    void whenTheWaitRunsOutStartupFailsNamingThePendingMigrationsAndTheProperty() {
        ExistingApp app = new ExistingApp(JAR, Map.of(), db, audit, dir);

        PackagedJar.Run run = app.run("verify", "--msr.verify.wait-on-start=3s");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("msr.verify.wait-on-start=3s").contains("V1_create_greeting.up.sql")
                .doesNotContain("Tomcat started");
        assertThat(app.markers()).isEmpty();
        audit.assertUntouchedByMsr();
    }

    private static void waitsForTheJobAndThenStarts(ExistingApp app, String startedLine) {
        int port = freePort();
        PackagedJar.Started waiting = app.launch("verify", "--msr.verify.wait-on-start=90s", "--server.port=" + port);
        try {
            app.awaitOutput(waiting, WAITING);
            assertThat(waiting.output()).contains("V1_create_greeting.up.sql")
                    .doesNotContain("Initialized JPA EntityManagerFactory").doesNotContain("Tomcat started");
            assertThat(listens(port)).as("the web port is not open yet").isFalse();
            assertThat(app.markers()).isEmpty();

            PackagedJar.Run job = app.job();
            assertThat(job.exitCode()).as(job.output()).isZero();

            app.awaitReady(waiting);
            assertThat(waiting.output()).contains(startedLine).contains("MSR finished waiting")
                    .contains("Initialized JPA EntityManagerFactory").contains("Tomcat started on port " + port);
            assertThat(app.markers()).contains("application-ready", "command-line-runner", "context-refreshed-1",
                    "smart-initializing-singleton-1", "audit-database-" + audit.name());
            assertThat(listens(port)).isTrue();
        } finally {
            waiting.stop();
        }
        audit.assertUntouchedByMsr();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
