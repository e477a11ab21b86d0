package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A migrate Job whose console log is structured ({@code logging.structured.format.console}): every line it prints,
 * standard output and error together, is one JSON object, and the result is the event of logger
 * {@code io.msr.result} with the summary's fields.
 */
@WithPostgres
class StructuredLogsIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestDatabase db;

    StructuredLogsIT(TestDatabase db) {
        this.db = db;
    }

    private PackagedJar.Run migrate(List<String> database, String... extra) {
        String schema = db.freshSchema().name();
        List<String> args = new ArrayList<>(database);
        args.addAll(List.of("--msr.mode=migrate", "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--msr.summary-path=" + dir.resolve("summary.json")));
        args.addAll(List.of(extra));
        return APP.run(Map.of(), args);
    }

    /** Parses every line of the output, failing on the first that is not one JSON object. */
    private static List<JsonNode> jsonLines(PackagedJar.Run run) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.output().split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as("not a JSON object: %s", line).isTrue();
                lines.add(node);
            } catch (RuntimeException e) {
                fail("Not a JSON line: " + line + "\n\nwhole output:\n" + run.output(), e);
            }
        }
        return lines;
    }

    private static JsonNode resultEvent(List<JsonNode> lines, String loggerField) {
        List<JsonNode> results = lines.stream().filter(line -> "io.msr.result".equals(text(line, loggerField))).toList();
        assertThat(results).as("one result event").hasSize(1);
        return results.get(0);
    }

    private static String text(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.split("/")) {
            at = at == null ? null : at.get(part);
        }
        return at == null ? null : at.asString();
    }

    @Test
    void anEcsMigrateJobPrintsJsonLinesOnlyAndItsResultAsAnEventWithTheSummaryFields() throws IOException {
        PackagedJar.Run run = migrate(MigrateJobIT.database(db), "--logging.structured.format.console=ecs");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<JsonNode> lines = jsonLines(run);
        assertThat(lines).as("the engine's own log lines are there too").hasSizeGreaterThan(3);
        JsonNode result = resultEvent(lines, "log/logger");
        assertThat(text(result, "log/level")).isEqualTo("INFO");
        assertThat(text(result, "message")).startsWith("MSR migrate succeeded: 2 migration(s) run, schema version"
                + " <none> -> V2, ").endsWith(" ms (exit code 0)");
        JsonNode msr = result.get("msr");
        assertThat(msr.get("operation").asString()).isEqualTo("MIGRATE");
        assertThat(msr.get("success").asBoolean()).isTrue();
        assertThat(msr.get("exitCode").asInt()).isZero();
        assertThat(msr.get("schemaVersionAfter").asInt()).isEqualTo(2);
        assertThat(msr.get("executed").get("count").asInt()).isEqualTo(2);
        assertThat(msr.get("durationMs").isNumber()).isTrue();
        assertThat(Files.readString(dir.resolve("summary.json"))).as("the summary file is written as before")
                .contains("\"schemaVersionAfter\":2");
    }

    @Test
    void aLogstashMigrateJobThatFailsOnSqlLogsTheFailureNamingFileAndLineWithoutThePassword() throws IOException {
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(extra.resolve("V3_broken.up.sql"), "select 1;\nselect * from no_such_table;\n");
        // Trust authentication accepts any password: one the output must not show.
        String password = db.password().isEmpty() ? "s3cr3t-pa55" : db.password();
        List<String> database = List.of("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + password);

        PackagedJar.Run run = migrate(database, "--logging.structured.format.console=logstash", "--msr.output=json",
                "--msr.locations=classpath:db/msr,filesystem:" + extra);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).doesNotContain(password);
        JsonNode result = resultEvent(jsonLines(run), "logger_name");
        assertThat(text(result, "level")).isEqualTo("ERROR");
        assertThat(text(result, "message")).startsWith("MSR migrate FAILED (exit code 3): ")
                .contains("V3 (V3_broken.up.sql, line 2)").contains("no_such_table");
        assertThat(result.get("msr.exitCode").asInt()).isEqualTo(3);
        assertThat(result.get("msr.success").asBoolean()).isFalse();
        assertThat(result.get("msr.schemaVersionAfter").asInt()).isEqualTo(2);
        assertThat(result.get("msr.failure.script").asString()).isEqualTo("V3_broken.up.sql");
        assertThat(result.get("msr.failure.version").asInt()).isEqualTo(3);
        assertThat(result.get("msr.failure.line").asInt()).isEqualTo(2);
        assertThat(result.get("msr.failure.sqlState").asString()).isEqualTo("42P01");
        JsonNode whole = JSON.readTree(result.get("msr.json").asString());
        assertThat(whole.get("failure").get("line").asInt()).as("msr.output=json: the whole result as one field")
                .isEqualTo(2);
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"sqlState\":\"42P01\"");
    }
}
