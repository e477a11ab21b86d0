package io.msr.sample;

import io.msr.test.PackagedJar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's container as k8s/deployment.yaml runs it: credentials read from a config tree (the mounted Secret,
 * {@code SPRING_CONFIG_IMPORT}), and Actuator on {@code MANAGEMENT_SERVER_PORT}, which the probes and Prometheus use
 * and the Service does not expose. The application port must then answer no Actuator path at all.
 */
class KubernetesPodIT {

    private static final PackagedJar JAR = new PackagedJar(Path.of(System.getProperty("sample.app.jar")));

    @Test
    void theAppServesActuatorOnlyOnTheManagementPortWithItsCredentialsFromAConfigTree() throws Exception {
        try (Cluster cluster = new Cluster()) {
            assertThat(cluster.runJob().exitCode()).isZero();
            Path tree = Files.createTempDirectory("msr-secrets");
            Files.writeString(tree.resolve("DATABASE_URL"), "postgres://" + cluster.appUser() + ":"
                    + Cluster.APP_PASSWORD + "@" + cluster.db.server().host() + ":" + cluster.db.server().port() + "/"
                    + cluster.db.name() + "\n");
            int app = freePort();
            int management = freePort();
            PackagedJar.Started replica = JAR.start(Map.of("MANAGEMENT_SERVER_PORT", String.valueOf(management),
                    "SPRING_CONFIG_IMPORT", "configtree:" + tree + "/"), List.of("--server.port=" + app));
            try {
                HttpResponse<String> readiness = awaitReady(management, replica);
                assertThat(readiness.body()).contains("\"msr\"");
                assertThat(Cluster.get(management, "/actuator/health/liveness").statusCode()).isEqualTo(200);
                HttpResponse<String> metrics = Cluster.get(management, "/actuator/prometheus");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("msr_migrations_pending");
                assertThat(Cluster.get(management, "/actuator/msr").statusCode()).isEqualTo(200);
                for (String path : List.of("/actuator/health/readiness", "/actuator/prometheus", "/actuator/msr")) {
                    assertThat(Cluster.get(app, path).statusCode()).as("application port " + path).isEqualTo(404);
                }
                assertThat(replica.output()).doesNotContain(Cluster.APP_PASSWORD);
            } finally {
                replica.stop();
            }
        }
    }

    /** Polls the readiness probe on the management port until it answers 200 (at most 90 s). */
    private static HttpResponse<String> awaitReady(int port, PackagedJar.Started replica) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(replica.process().isAlive()).as(replica.output()).isTrue();
            try {
                HttpResponse<String> response = Cluster.get(port, "/actuator/health/readiness");
                if (response.statusCode() == 200) {
                    return response;
                }
            } catch (IOException notListeningYet) {
                // the JVM is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Not ready on the management port " + port + " within 90 s:\n" + replica.output());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
