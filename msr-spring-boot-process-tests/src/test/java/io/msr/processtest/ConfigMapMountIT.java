package io.msr.processtest;

import io.msr.test.KubeletVolume;
import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app as a migrate Job over migrations mounted from a ConfigMap, laid out on disk as the kubelet lays it
 * out (visible links into a hidden timestamped folder, a projected sub-path): every migration applied once, an atomic
 * update between two Jobs applies exactly the new one, and a mount that comes up empty while the history records
 * applied migrations stops the Job with exit 2 naming the location instead of passing for "nothing to do".
 */
@WithPostgres
class ConfigMapMountIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    @TempDir
    Path dir;

    private final TestDatabase db;

    ConfigMapMountIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void appliesTheMountThenOnlyTheUpdateThenRefusesAMountThatCameUpEmpty() throws Exception {
        String schema = db.freshSchema().name();
        KubeletVolume volume = new KubeletVolume(dir.resolve("mnt/migrations"));
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("V1_create_users.up.sql", "create table users (id int primary key);");
        payload.put("V1_create_users.down.sql", "drop table users;");
        payload.put("extra/more/V2_add_name.up.sql", "alter table users add column name text;");
        volume.write(payload);
        Path summary = dir.resolve("summary.json");
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=migrate", "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--test.java-migration.enabled=false", "--msr.locations=filesystem:" + volume.dir(),
                "--msr.summary-path=" + summary));

        PackagedJar.Run first = APP.run(Map.of(), args);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(history(schema)).containsExactly("1 V1_create_users.up.sql", "2 extra/more/V2_add_name.up.sql");

        payload.put("V3_add_email.up.sql", "alter table users add column email text;");
        volume.write(payload);
        PackagedJar.Run second = APP.run(Map.of(), args);
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(Files.readString(summary)).contains("\"script\":\"V3_add_email.up.sql\"")
                .doesNotContain("V2_add_name");
        assertThat(history(schema)).hasSize(3).last().isEqualTo("3 V3_add_email.up.sql");

        volume.write(Map.of());
        PackagedJar.Run empty = APP.run(Map.of(), args);
        assertThat(empty.exitCode()).as(empty.output()).isEqualTo(2);
        assertThat(empty.output()).contains("[LOCATION_EMPTY]").contains("Location filesystem:" + volume.dir()
                + " exists but holds no migrations, while the history records 3 applied migration(s) (latest V3)");
        assertThat(Files.readString(summary)).contains("\"exitCode\":2").contains("LOCATION_EMPTY");
        assertThat(history(schema)).hasSize(3);
    }

    private List<String> history(String schema) {
        return db.queryForStrings("select version || ' ' || script from " + schema + ".msr_schema_history"
                + " where operation = 'UP' order by id");
    }
}
