package io.msr.processtest;

import io.msr.MsrSettings;
import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest migration the default {@code msr.max-migration-size} lets through applies in the migrate Job under the
 * shipped container limits: the heap a 512 MiB container with {@code -XX:MaxRAMPercentage=75} gives (a JVM picks the
 * serial collector there, as in a 512 MiB pod). The shape is the most demanding one measured: one multi-row INSERT
 * of the whole file, a single statement the driver copies while it sends it.
 */
@WithPostgres
class LargeMigrationIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));
    static final String SHIPPED_LIMITS = "-XX:MaxRAM=512m -XX:MaxRAMPercentage=75";

    @TempDir
    Path dir;

    private final TestDatabase db;

    LargeMigrationIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aMigrationOfTheLargestAllowedSizeAppliesUnderTheShippedContainerLimits() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        long rows = LargeMigrations.multiRowInsert(migrations.resolve("V1_seed.up.sql"), "seed",
                MsrSettings.DEFAULT_MAX_MIGRATION_SIZE);
        assertThat(Files.size(migrations.resolve("V1_seed.up.sql"))).isEqualTo(MsrSettings.DEFAULT_MAX_MIGRATION_SIZE);
        String schema = db.freshSchema().name();
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=migrate", "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--msr.locations=filesystem:" + migrations, "--test.java-migration.enabled=false",
                "--msr.summary-path=" + dir.resolve("summary.json")));

        PackagedJar.Run run = APP.start(Map.of("JAVA_TOOL_OPTIONS", SHIPPED_LIMITS), args).await(Duration.ofMinutes(5));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(db.queryForObject("select count(*) from " + schema + ".seed", Long.class)).isEqualTo(rows);
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"exitCode\":0");
    }
}
