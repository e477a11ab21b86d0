package io.msr.sample.local;

import io.msr.test.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first steps with {@code sample-app-local.jar}: the migration Job and the app on an embedded
 * PostgreSQL whose data survives between processes, on a machine with nothing installed. Each test has its own
 * data folder and port, so it starts from nothing and leaves a developer's {@code .local-db} alone.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalJarIT {

    private static final PackagedJar JAR = new PackagedJar(Path.of(System.getProperty("sample.app.local.jar")));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private List<String> args(int databasePort, String... more) {
        List<String> all = new ArrayList<>(List.of("--sample.local-db.directory=" + dir.resolve("local-db"),
                "--sample.local-db.port=" + databasePort));
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void theJobMigratesAFreshEmbeddedDatabaseThenFindsNothingToDo() throws IOException {
        int databasePort = freePort();

        PackagedJar.Run first = JAR.run(Map.of(), args(databasePort, "--msr.mode=migrate"));
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("\"local\"").contains("MSR migrate succeeded: 5 migration(s) run");

        PackagedJar.Run again = JAR.run(Map.of(), args(databasePort, "--msr.mode=migrate"));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("nothing to migrate").contains("0 migration(s) run");
    }

    @Test
    void theAppTurnsReadyOnceTheJobHasMigratedTheDatabaseItServes() throws Exception {
        int databasePort = freePort();
        int port = freePort();
        PackagedJar.Started app = JAR.start(Map.of(),
                args(databasePort, "--server.port=" + port, "--msr.verify.refresh-interval=500ms"));
        try {
            HttpResponse<String> unready = awaitStatus(app, port, 503);
            assertThat(unready.body()).contains("\"pending\":5");

            // The app's process serves the database; the Job finds it listening and connects to it.
            PackagedJar.Run job = JAR.run(Map.of(), args(databasePort, "--msr.mode=migrate"));
            assertThat(job.exitCode()).as(job.output()).isZero();
            assertThat(job.output()).contains("MSR migrate succeeded: 5 migration(s) run");

            assertThat(awaitStatus(app, port, 200).body()).contains("\"pending\":0");
            assertThat(get(port, "/api/notes").body()).contains("welcome-to-msr");
        } finally {
            app.stop();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls readiness until it answers with the status, failing after 90 seconds or when the app exits. */
    private static HttpResponse<String> awaitStatus(PackagedJar.Started app, int port, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!app.process().isAlive()) {
                throw new AssertionError("The app exited with " + app.process().exitValue() + ":\n" + app.output());
            }
            try {
                HttpResponse<String> response = get(port, "/actuator/health/readiness");
                if (response.statusCode() == status) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Readiness did not answer " + status + " within 90 s (last: " + last + "):\n"
                + app.output());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
