package io.msr.processtest;

import io.msr.MultiSchemaSettings;
import io.msr.test.PackagedJar;
import io.msr.test.SessionPeak;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema per tenant with the packaged app, as {@code k8s/tenants-indexed-job.yaml} runs it: one migrate run over
 * many schemas at once, exiting with the most severe code and naming the schema that failed; the shards of an Indexed
 * Job started together, each schema migrated by exactly one of them within the Job's connection budget; and a
 * verify-mode replica over the same schemas, ready only once the last of them is current.
 */
@WithPostgres
class ManySchemasIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    /** Raises in a schema listed in {@code public.blocked_tenants}: a tenant whose data breaks the migration. */
    private static final String SEED = """
            do $$ begin
                if exists (select 1 from public.blocked_tenants where schema_name = current_schema()) then
                    raise exception 'tenant % is blocked', current_schema();
                end if;
            end $$;
            insert into accounts (id, tenant) values (1, '${msr:schema}');
            """;

    @TempDir
    Path dir;

    private final TestDatabase db;
    private Path migrations;

    ManySchemasIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void migrations() throws IOException {
        migrations = Files.createDirectories(dir.resolve("tenant-migrations"));
        // Unqualified names: each schema's migrations run with that schema first on the search_path.
        Files.writeString(migrations.resolve("V1_create_accounts.up.sql"),
                "create table accounts (id bigint primary key, tenant text not null);\n");
        Files.writeString(migrations.resolve("V2_seed_account.up.sql"), SEED);
        db.execute("create table if not exists public.blocked_tenants (schema_name text primary key)");
    }

    @Test
    void aReplicaIsReadyOnlyOnceTheLastSchemaIsCurrentAndARunOverAllNamesTheOneThatFailed() throws Exception {
        List<String> tenants = List.of("tenant_a", "tenant_b", "tenant_c", "tenant_d", "tenant_e", "tenant_f");
        String all = String.join(",", tenants);
        int port = Http.freePort();
        List<String> replicaArgs = common(all);
        replicaArgs.addAll(List.of("--server.port=" + port, "--msr.verify.refresh-interval=200ms"));
        PackagedJar.Started replica = APP.start(Map.of(), replicaArgs);
        try {
            String base = "http://localhost:" + port;
            String readiness = base + "/actuator/health/readiness";
            Http.waitForAnswer(readiness, replica);
            assertThat(Http.get(readiness).statusCode()).as("no schema migrated yet").isEqualTo(503);
            assertThat(Http.get(base + "/actuator/msr").body()).as("every schema behind")
                    .containsPattern("\"total\":\\s*6").containsPattern("\"behind\":\\s*6").contains("tenant_a:");

            PackagedJar.Run first = migrate("tenant_a", "first");
            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(accounts("tenant_a")).containsExactly("tenant_a");
            HttpResponse<String> oneDone = Http.until(base + "/actuator/msr",
                    response -> response.body().contains("\"ready\":1"));
            assertThat(oneDone.body()).as("tenant_a is current, five are behind").contains("\"ready\":1")
                    .contains("\"behind\":5").doesNotContain("tenant_a:").contains("tenant_b:").contains("tenant_f:");
            assertThat(Http.get(readiness).statusCode()).as("five schemas behind").isEqualTo(503);

            db.execute("insert into public.blocked_tenants values ('tenant_f')");
            PackagedJar.Run failing = migrate(all, "failing", "--msr.parallelism=3", "--msr.continue-on-error=true");
            assertThat(failing.exitCode()).as(failing.output()).isEqualTo(3);
            assertThat(failing.output()).contains("tenant_f").contains("tenant tenant_f is blocked");
            String summary = Files.readString(dir.resolve("failing.json"));
            assertThat(summary).contains("\"exitCode\":3").containsPattern("\"succeeded\":\\s*5")
                    .containsPattern("\"failed\":\\s*1").containsPattern("\"executedMigrations\":\\s*9")
                    .contains("\"schema\":\"tenant_f\",\"status\":\"FAILED\",\"exitCode\":3")
                    .contains("\"schema\":\"tenant_b\",\"status\":\"SUCCEEDED\"");
            for (String tenant : tenants.subList(0, 5)) {
                assertThat(accounts(tenant)).as(tenant).containsExactly(tenant);
                assertThat(historyRows(tenant)).as(tenant + ": V1 and V2, once each").isEqualTo(2);
            }
            assertThat(historyRows("tenant_f")).as("V1 committed, V2 rolled back").isEqualTo(1);
            HttpResponse<String> oneBehind = Http.until(base + "/actuator/msr",
                    response -> response.body().contains("\"ready\":5"));
            assertThat(oneBehind.body()).as("only tenant_f is behind").contains("\"ready\":5")
                    .contains("\"behind\":1").contains("tenant_f:").doesNotContain("tenant_e:");
            assertThat(Http.get(readiness).statusCode()).as("tenant_f behind").isEqualTo(503);

            db.execute("delete from public.blocked_tenants where schema_name = 'tenant_f'");
            PackagedJar.Run fixed = migrate(all, "fixed", "--msr.parallelism=3");
            assertThat(fixed.exitCode()).as(fixed.output()).isZero();
            assertThat(Files.readString(dir.resolve("fixed.json"))).contains("\"exitCode\":0")
                    .containsPattern("\"succeeded\":\\s*6").containsPattern("\"executedMigrations\":\\s*1");
            assertThat(accounts("tenant_f")).containsExactly("tenant_f");

            HttpResponse<String> ready = Http.until(readiness, response -> response.statusCode() == 200);
            assertThat(ready.statusCode()).as("every schema current: " + ready.body()).isEqualTo(200);
            String endpoint = Http.get(base + "/actuator/msr").body();
            assertThat(endpoint).as("counts, no schema behind").contains("\"ready\":6").contains("\"behind\":0")
                    .doesNotContain("tenant_f:");
            String metrics = Http.get(base + "/actuator/prometheus").body();
            assertThat(metrics).as("no per-schema tag").contains("msr_").doesNotContain("tenant_a");
        } finally {
            replica.stop();
        }
    }

    @Test
    void shardsStartedTogetherMigrateEverySchemaExactlyOnceWithinTheConnectionBudget() throws Exception {
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            tenants.add("shard_tenant_" + i);
        }
        int shards = 3;
        int parallelism = 2;
        for (int index = 0; index < shards; index++) {
            assertThat(new MultiSchemaSettings(tenants, 1, false, index, shards).shardOf(tenants))
                    .as("the names spread over every shard").isNotEmpty();
        }
        SessionPeak sessions = SessionPeak.start(db);
        List<PackagedJar.Started> started = new ArrayList<>();
        List<PackagedJar.Run> runs = new ArrayList<>();
        try {
            for (int index = 0; index < shards; index++) {
                List<String> args = common(String.join(",", tenants));
                args.addAll(List.of("--msr.mode=migrate", "--msr.shard.count=" + shards,
                        "--msr.parallelism=" + parallelism,
                        "--spring.datasource.hikari.maximum-pool-size=" + parallelism,
                        "--msr.summary-path=" + dir.resolve("shard-" + index + ".json")));
                started.add(APP.start(Map.of("JOB_COMPLETION_INDEX", String.valueOf(index)), args));
            }
            for (PackagedJar.Started process : started) {
                runs.add(process.await(Duration.ofMinutes(2)));
            }
        } finally {
            started.forEach(PackagedJar.Started::stop);
            sessions.close();
        }

        for (int index = 0; index < shards; index++) {
            PackagedJar.Run run = runs.get(index);
            assertThat(run.exitCode()).as(run.output()).isZero();
            int mine = new MultiSchemaSettings(tenants, 1, false, index, shards).shardOf(tenants).size();
            assertThat(Files.readString(dir.resolve("shard-" + index + ".json"))).as("shard " + index)
                    .containsPattern("\"index\":\\s*" + index).containsPattern("\"succeeded\":\\s*" + mine)
                    .containsPattern("\"executedMigrations\":\\s*" + (2 * mine));
        }
        for (String tenant : tenants) {
            assertThat(historyRows(tenant)).as(tenant + ": V1 and V2, once each").isEqualTo(2);
            assertThat(accounts(tenant)).containsExactly(tenant);
        }
        assertThat(sessions.peak()).as("connections at the peak: at most shards x 2 x parallelism")
                .isBetween(1, shards * 2 * parallelism);
        System.out.println("ManySchemasIT: peak connections of " + shards + " shards at parallelism " + parallelism
                + ": " + sessions.peak() + " (budget " + shards * 2 * parallelism + ")");
    }

    /** The database, the schema list and the tenants' migrations, without the app's own (Java) migration. */
    private List<String> common(String schemas) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.schemas=" + schemas, "--test.java-migration.enabled=false",
                "--msr.locations=filesystem:" + migrations));
        return args;
    }

    private PackagedJar.Run migrate(String schemas, String label, String... extra) {
        List<String> args = common(schemas);
        args.addAll(List.of("--msr.mode=migrate", "--msr.summary-path=" + dir.resolve(label + ".json")));
        args.addAll(List.of(extra));
        return APP.run(Map.of(), args);
    }

    private List<String> accounts(String schema) {
        return db.queryForStrings("select tenant from " + schema + ".accounts order by id");
    }

    private long historyRows(String schema) {
        return db.queryForObject("select count(*) from " + schema + ".msr_schema_history where success"
                + " and operation = 'UP'", Long.class);
    }
}
