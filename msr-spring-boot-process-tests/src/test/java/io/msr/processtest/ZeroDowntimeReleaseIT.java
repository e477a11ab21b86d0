package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An expand/contract release with the packaged app, as Kubernetes runs it: release 2 adds {@code full_name} (expand,
 * pre-deploy) and drops {@code name} (contract, {@code -- msr:phase=post-deploy}). The migrate Job applies the expand
 * step only, replicas of release 1 and 2 are both ready, the post-deploy Job applies the contract step after the
 * rollout; a replica of release 1 is polled throughout and never reported unready.
 */
@WithPostgres
class ZeroDowntimeReleaseIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    @TempDir
    Path dir;

    private final TestDatabase db;
    private String schema;

    ZeroDowntimeReleaseIT(TestDatabase db) {
        this.db = db;
    }

    private Path release(String name, Map<String, String> files) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        return folder;
    }

    private List<String> common(Path release) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.schema=" + schema, "--test.java-migration.enabled=false",
                "--msr.locations=filesystem:" + release, "--msr.strict=true"));
        return args;
    }

    /** Runs the migrate Job of a release with the given extra arguments. */
    private PackagedJar.Run job(Path release, String label, String... extra) {
        List<String> args = common(release);
        args.addAll(List.of("--msr.mode=migrate", "--msr.summary-path=" + dir.resolve(label + ".json")));
        args.addAll(List.of(extra));
        return APP.run(Map.of(), args);
    }

    /** Starts a replica of a release the normal way (verify mode) on a free port. */
    private Replica replica(Path release) throws Exception {
        int port = Http.freePort();
        List<String> args = common(release);
        args.addAll(List.of("--server.port=" + port, "--msr.verify.refresh-interval=200ms"));
        PackagedJar.Started started = APP.start(Map.of(), args);
        Replica replica = new Replica(started, "http://localhost:" + port);
        try {
            Http.waitForAnswer(replica.url("/actuator/health/readiness"), started);
        } catch (Exception | AssertionError e) {
            started.stop();
            throw e;
        }
        return replica;
    }

    private record Replica(PackagedJar.Started process, String base) {
        String url(String path) {
            return base + path;
        }
    }

    private List<String> columns() {
        return db.queryForStrings("select column_name from information_schema.columns where table_schema = '" + schema
                + "' and table_name = 'users' order by ordinal_position");
    }

    @Test
    void theJobExpandsTheReplicasOfBothReleasesStayReadyAndThePostDeployJobContracts() throws Exception {
        schema = db.freshSchema().name();
        String createUsers = "create table users (id bigint primary key, name text);\n"
                + "insert into users values (1, 'Ada');\n";
        Path release1 = release("release-1", Map.of("V1_create_users.up.sql", createUsers));
        Path release2 = release("release-2", Map.of("V1_create_users.up.sql", createUsers,
                "V2_add_full_name.up.sql", "alter table users add column full_name text;\n"
                        + "update users set full_name = name;\n",
                "V3_drop_name.up.sql", "-- msr:phase=post-deploy\nalter table users drop column name;\n"));
        String search = "--spring.datasource.hikari.connection-init-sql=set search_path to ";

        PackagedJar.Run first = job(release1, "release-1", search + schema);
        assertThat(first.exitCode()).as(first.output()).isZero();
        Replica old = replica(release1);
        try {
            release2Rollout(release2, search, old);
        } finally {
            old.process().stop();
        }
    }

    private void release2Rollout(Path release2, String search, Replica old) throws Exception {
        HttpResponse<String> oldReady = Http.until(old.url("/actuator/health/readiness"),
                response -> response.statusCode() == 200);
        assertThat(oldReady.statusCode()).as(oldReady.body()).isEqualTo(200);

        List<Integer> oldStatuses = new CopyOnWriteArrayList<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                try {
                    oldStatuses.add(Http.get(old.url("/actuator/health/readiness")).statusCode());
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    oldStatuses.add(-1);
                }
            }
        }, "old-replica-readiness");
        poller.start();
        Replica fresh = null;
        try {
            // The post-deploy Job of release 2 cannot run before its pre-deploy Job: exit 2, nothing changed.
            PackagedJar.Run early = job(release2, "early-post", search + schema, "--msr.phase=post-deploy");
            assertThat(early.exitCode()).as(early.output()).isEqualTo(2);
            assertThat(early.output()).contains("PRE_DEPLOY_PENDING").contains("V2_add_full_name.up.sql");
            assertThat(columns()).containsExactly("id", "name");

            PackagedJar.Run pre = job(release2, "pre", search + schema);
            assertThat(pre.exitCode()).as(pre.output()).isZero();
            assertThat(pre.output()).contains("Left 1 post-deploy migration(s)").contains("V3 (V3_drop_name.up.sql)");
            assertThat(Files.readString(dir.resolve("pre.json"))).contains("\"schemaVersionAfter\":2")
                    .contains("Left 1 post-deploy migration(s)");
            assertThat(columns()).containsExactly("id", "name", "full_name");

            fresh = replica(release2);
            HttpResponse<String> freshReady = Http.until(fresh.url("/actuator/health/readiness"),
                    response -> response.statusCode() == 200);
            assertThat(freshReady.statusCode()).as("only the contract step is pending: " + freshReady.body())
                    .isEqualTo(200);
            assertThat(Http.get(fresh.url("/actuator/msr")).body()).contains("\"pending\":1")
                    .contains("\"pendingPreDeploy\":0").contains("\"pendingPostDeploy\":1")
                    .contains("\"phase\":\"post-deploy\"");
            assertThat(Http.get(fresh.url("/actuator/health")).body())
                    .contains("1 post-deploy migration(s) pending, first V3");
            String metrics = Http.get(fresh.url("/actuator/prometheus")).body();
            assertThat(metrics).containsPattern("msr_migrations_pending\\{[^}]*phase=\"post-deploy\"[^}]*} 1\\.0")
                    .containsPattern("msr_migrations_pending\\{[^}]*phase=\"pre-deploy\"[^}]*} 0\\.0");

            PackagedJar.Run post = job(release2, "post", search + schema, "--msr.phase=post-deploy");
            assertThat(post.exitCode()).as(post.output()).isZero();
            assertThat(Files.readString(dir.resolve("post.json"))).contains("\"schemaVersionAfter\":3")
                    .contains("\"script\":\"V3_drop_name.up.sql\"");
            assertThat(columns()).containsExactly("id", "full_name");

            HttpResponse<String> settled = Http.until(fresh.url("/actuator/msr"),
                    response -> response.body().contains("\"pendingPostDeploy\":0"));
            assertThat(settled.body()).contains("\"pending\":0").contains("\"schemaVersion\":3");
            assertThat(Http.get(fresh.url("/actuator/health/readiness")).statusCode()).isEqualTo(200);
            assertThat(Http.until(old.url("/actuator/msr"), response -> response.body().contains("\"schemaAhead\":true"))
                    .body()).as("release 1 sees the schema ahead of it, which is allowed").contains("\"schemaAhead\":true");
        } finally {
            polling.set(false);
            poller.join(5_000);
            if (fresh != null) {
                fresh.process().stop();
            }
        }
        assertThat(Http.get(old.url("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(oldStatuses).as("release 1's readiness, polled through the whole release").hasSizeGreaterThan(10)
                .containsOnly(200);
    }
}
