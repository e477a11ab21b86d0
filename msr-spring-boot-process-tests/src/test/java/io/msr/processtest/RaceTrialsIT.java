package io.msr.processtest;

import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty trials of ten migrate processes started at once on an empty database with ten pending migrations, each
 * writing a row to a side-effect table: every process exits 0 and every migration is applied exactly once, by
 * the history and by the side effects. The processes run the engine without Spring (see {@link RacingRunner})
 * so that twenty trials fit in CI; {@link FaultIT} races the packaged jar itself.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RaceTrialsIT {

    private static final int TRIALS = 20;
    private static final int RUNNERS = 10;
    private static final int MIGRATIONS = 10;

    /**
     * Only what a runner needs (the engine, the driver, the logging API), so each JVM starts in about half the
     * CPU time it takes with the whole test class path.
     */
    private static final String CLASSPATH = String.join(File.pathSeparator, home(RacingRunner.class),
            home(io.msr.Msr.class), home(org.postgresql.Driver.class), home(org.slf4j.Logger.class));

    @TempDir
    Path migrations;

    private static String home(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twentyTrialsOfTenRacingRunnersApplyEveryMigrationExactlyOnce() throws Exception {
        Files.writeString(migrations.resolve("V1_side.up.sql"), "create table side (version int);");
        for (int v = 2; v <= MIGRATIONS + 1; v++) {
            Files.writeString(migrations.resolve("V" + v + "_m" + v + ".up.sql"),
                    "create table t" + v + " (id int);\ninsert into side values (" + v + ");");
        }
        for (int trial = 1; trial <= TRIALS; trial++) {
            try (TestDatabase db = PostgresServer.shared().createDatabase()) {
                List<Process> runners = new ArrayList<>();
                for (int i = 0; i < RUNNERS; i++) {
                    runners.add(start(db));
                }
                for (Process runner : runners) {
                    String output = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(runner.waitFor()).as("trial " + trial + ": " + output).isZero();
                }
                String trialName = "trial " + trial;
                assertThat(db.queryForObject("select count(*) from side", Long.class)).as(trialName)
                        .isEqualTo(MIGRATIONS);
                assertThat(db.queryForObject("select count(distinct version) from side", Long.class)).as(trialName)
                        .isEqualTo(MIGRATIONS);
                assertThat(db.queryForObject("select count(*) from msr_schema_history", Long.class)).as(trialName)
                        .isEqualTo(MIGRATIONS + 1);
                assertThat(db.queryForObject("select count(distinct version) from msr_schema_history where"
                        + " operation = 'UP' and success", Long.class)).as(trialName).isEqualTo(MIGRATIONS + 1);
            }
        }
    }

    private Process start(TestDatabase db) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", CLASSPATH,
                RacingRunner.class.getName(), db.jdbcUrl(), db.username(), "filesystem:" + migrations)
                .redirectErrorStream(true);
        builder.environment().put("RACE_PASSWORD", db.password());
        return builder.start();
    }
}
