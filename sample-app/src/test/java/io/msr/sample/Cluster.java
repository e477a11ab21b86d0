package io.msr.sample;

import io.msr.test.PackagedJar;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A database set up as the deployment guide says (a {@code migration_user} with DDL rights, an {@code app_user}
 * with DML only, default privileges between them) and the packaged sample app started against it as Jobs and
 * replicas, with credentials in {@code DATABASE_URL} as the Secrets hand them out.
 */
final class Cluster implements AutoCloseable {

    static final String MIGRATION_PASSWORD = "mig-Secret-4711";
    static final String APP_PASSWORD = "app-Secret-0815";
    private static final PackagedJar JAR = new PackagedJar(Path.of(System.getProperty("sample.app.jar")));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final TestDatabase db;
    private final String suffix;
    private final List<PackagedJar.Started> replicas = new ArrayList<>();

    Cluster() {
        db = PostgresServer.shared().createDatabase();
        suffix = db.name().substring(db.name().lastIndexOf('_') + 1);
        db.execute("create role " + migrationUser() + " login password '" + MIGRATION_PASSWORD + "'");
        db.execute("create role " + appUser() + " login password '" + APP_PASSWORD + "'");
        db.execute("grant connect on database " + db.name() + " to " + appUser());
        db.execute("grant all on database " + db.name() + " to " + migrationUser());
        db.execute("grant usage, create on schema public to " + migrationUser());
        db.execute("grant usage on schema public to " + appUser());
        db.execute("alter default privileges for role " + migrationUser() + " in schema public"
                + " grant select, insert, update, delete on tables to " + appUser());
        db.execute("alter default privileges for role " + migrationUser() + " in schema public"
                + " grant usage, select on sequences to " + appUser());
    }

    String migrationUser() {
        return "migration_user_" + suffix;
    }

    String appUser() {
        return "app_user_" + suffix;
    }

    private String url(String user, String password) {
        return "postgres://" + user + ":" + password + "@" + db.server().host() + ":" + db.server().port() + "/"
                + db.name();
    }

    /** The migration Job: {@code --msr.mode=migrate} with the migration credentials. */
    PackagedJar.Started job(String... args) {
        List<String> all = new ArrayList<>(List.of("--msr.mode=migrate", "--msr.lock.wait-timeout=60s"));
        all.addAll(List.of(args));
        return JAR.start(Map.of("DATABASE_URL", url(migrationUser(), MIGRATION_PASSWORD)), all);
    }

    PackagedJar.Run runJob(String... args) {
        return job(args).await(Duration.ofMinutes(2));
    }

    /** A replica of the app in verify mode, with the app credentials; returns its port. */
    int replica(String... args) throws IOException {
        int port = freePort();
        List<String> all = new ArrayList<>(List.of("--server.port=" + port, "--msr.verify.refresh-interval=500ms"));
        all.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", url(appUser(), APP_PASSWORD));
        PackagedJar.Started started = JAR.start(environment, all);
        replicas.add(started);
        awaitAnswer(port, started);
        return port;
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(int port, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the path answers with the status, failing after {@code timeout}. */
    static HttpResponse<String> awaitStatus(int port, String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response = get(port, path);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = get(port, path);
        }
        return response;
    }

    private static void awaitAnswer(int port, PackagedJar.Started started) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.process().isAlive()) {
                throw new AssertionError("The replica exited with " + started.process().exitValue() + ":\n"
                        + started.output());
            }
            try {
                get(port, "/actuator/health/liveness");
                return;
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("The replica did not answer within 90 s:\n" + started.output());
    }

    /** Returns the output of every replica so far, for password checks. */
    String replicaOutput() {
        StringBuilder all = new StringBuilder();
        replicas.forEach(replica -> all.append(replica.output()));
        return all.toString();
    }

    boolean replicasAlive() {
        return replicas.stream().allMatch(replica -> replica.process().isAlive());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        replicas.forEach(PackagedJar.Started::stop);
        db.close();
        // Roles are cluster-wide: drop them once their database is gone.
        db.server().dropRole(migrationUser());
        db.server().dropRole(appUser());
    }
}
