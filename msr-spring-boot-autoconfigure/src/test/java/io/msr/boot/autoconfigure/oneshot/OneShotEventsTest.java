package io.msr.boot.autoconfigure.oneshot;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import io.msr.CheckResult;
import io.msr.Direction;
import io.msr.ExecutedMigration;
import io.msr.ExitCode;
import io.msr.Failure;
import io.msr.Issue;
import io.msr.MigrationType;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.Version;
import io.msr.boot.autoconfigure.MsrProperties;
import io.msr.boot.autoconfigure.SettingsFromProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OneShotEventsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final LoggerContext logging = new LoggerContext();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    OneShotEventsTest() {
        logging.setMDCAdapter(new LogbackMDCAdapter());
        logging.putObject(Environment.class.getName(), new MockEnvironment());
        events.setContext(logging);
        events.start();
        logging.getLogger(OneShotEvents.LOGGER).addAppender(events);
    }

    private OneShotReport report(MsrProperties properties) {
        return new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(out, true, StandardCharsets.UTF_8), dir.resolve("absent"),
                new OneShotEvents(logging.getLogger(OneShotEvents.LOGGER)));
    }

    /** Returns the captured events as the format writes them, each line parsed (JSON booleans stay text here). */
    private List<Map<String, Object>> lines(String format) {
        return written(format).lines().map(line -> new BasicJsonParser().parseMap(line)).toList();
    }

    private String written(String format) {
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat(format);
        encoder.setContext(logging);
        encoder.start();
        return events.list.stream().map(event -> new String(encoder.encode(event), StandardCharsets.UTF_8))
                .reduce("", String::concat);
    }

    private static OperationResult migrated() {
        return new OperationResult(Operation.MIGRATE, ExitCode.SUCCESS, Instant.now(), 42, Version.of(1),
                Version.of(3), List.of(run(2), run(3)), List.of(), List.of(), null);
    }

    private static ExecutedMigration run(int version) {
        return new ExecutedMigration(Version.of(version), "step " + version, MigrationType.SQL,
                "V" + version + "_step.up.sql", Direction.UP, ExecutedMigration.Outcome.SUCCEEDED, 5);
    }

    @Test
    void logsOnlyWhenTheConsoleLogIsStructured() {
        assertThat(OneShotEvents.structuredConsole(new MockEnvironment())).isFalse();
        assertThat(OneShotEvents.structuredConsole(new MockEnvironment()
                .withProperty("logging.structured.format.file", "ecs"))).isFalse();
        assertThat(OneShotEvents.structuredConsole(new MockEnvironment()
                .withProperty("logging.structured.format.console", "logstash"))).isTrue();
    }

    @Test
    void writesASucceededMigrateAsOneEcsEventWithTheSummaryFieldsUnderMsr() {
        report(new MsrProperties()).report(migrated());

        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing printed beside the log").isEmpty();
        List<Map<String, Object>> lines = lines("ecs");
        assertThat(lines).hasSize(1);
        Map<String, Object> line = lines.get(0);
        assertThat(line.get("message")).isEqualTo("MSR migrate succeeded: 2 migration(s) run, schema version V1 -> V3,"
                + " 42 ms (exit code 0)");
        assertThat(line.get("log")).isEqualTo(Map.of("level", "INFO", "logger", "io.msr.result"));
        @SuppressWarnings("unchecked")
        Map<String, Object> msr = (Map<String, Object>) line.get("msr");
        assertThat(written("ecs")).contains("\"success\":true,");
        assertThat(msr).containsEntry("operation", "MIGRATE")
                .containsEntry("exitCode", 0L).containsEntry("durationMs", 42L)
                .containsEntry("schemaVersionBefore", 1L).containsEntry("schemaVersionAfter", 3L)
                .containsEntry("executed", Map.of("count", 2L)).doesNotContainKeys("failure", "json");
    }

    @Test
    void masksSecretPlaceholderValuesInTheEventsMessageAndFields() {
        MsrProperties properties = new MsrProperties();
        properties.setOutput(MsrProperties.Output.JSON);
        properties.getPlaceholders().put("db_password", "Ev3nt-S3cret");
        Failure failure = new Failure(ExitCode.MIGRATION_FAILED, "MigrationFailedException",
                "Migration V3 failed: bad \"Ev3nt-S3cret\"; Where: SQL statement \"select 'Ev3nt-S3cret'\"",
                Version.of(3), "V3_step.up.sql", 2, "P0001");
        report(properties).report(new OperationResult(Operation.MIGRATE, ExitCode.MIGRATION_FAILED,
                Instant.now(), 7, Version.of(1), Version.of(2), List.of(run(2)), List.of(), List.of(), failure));

        assertThat(written("logstash")).doesNotContain("Ev3nt-S3cret").contains("select '****'");
        assertThat(written("ecs")).doesNotContain("Ev3nt-S3cret");
    }

    @Test
    void writesAFailureAsAnErrorEventNamingTheFileWithFlatKeysInLogstashAndGelf() {
        Failure failure = new Failure(ExitCode.MIGRATION_FAILED, "MigrationFailedException",
                "Migration V3 (V3_step.up.sql, line 2) failed: relation \"nope\" does not exist", Version.of(3),
                "V3_step.up.sql", 2, "42P01");
        report(new MsrProperties()).report(new OperationResult(Operation.MIGRATE, ExitCode.MIGRATION_FAILED,
                Instant.now(), 7, Version.of(1), Version.of(2), List.of(run(2)), List.of(), List.of(), failure));

        Map<String, Object> logstash = lines("logstash").get(0);
        assertThat(logstash).containsEntry("level", "ERROR").containsEntry("msr.exitCode", 3L)
                .containsEntry("msr.failure.script", "V3_step.up.sql")
                .containsEntry("msr.failure.version", 3L).containsEntry("msr.failure.line", 2L)
                .containsEntry("msr.failure.sqlState", "42P01").containsEntry("msr.executed.count", 1L);
        assertThat((String) logstash.get("message")).startsWith("MSR migrate FAILED (exit code 3): Migration V3"
                + " (V3_step.up.sql, line 2)");
        assertThat(written("logstash")).contains("\"msr.success\":false,");
        Map<String, Object> gelf = lines("gelf").get(0);
        assertThat(gelf).containsEntry("_msr.exitCode", 3L).containsEntry("_msr.failure.script", "V3_step.up.sql");
    }

    @Test
    void carriesTheWholeJsonResultAsOneFieldWithJsonOutput() throws Exception {
        MsrProperties properties = new MsrProperties();
        properties.setOutput(MsrProperties.Output.JSON);
        properties.setSummaryPath(dir.resolve("summary.json").toString());
        OperationResult result = migrated();

        report(properties).report(result);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        Map<String, Object> line = lines("logstash").get(0);
        assertThat(line.get("msr.json")).isEqualTo(result.toJson());
        assertThat(Files.readString(dir.resolve("summary.json"))).isEqualTo(result.toJson() + "\n");
    }

    @Test
    void writesEachCheckFindingAsAnEventBeforeTheResult() {
        CheckResult result = new CheckResult(List.of(new Issue(Issue.Severity.ERROR, "MSR101",
                "CREATE INDEX without CONCURRENTLY locks writes", Version.of(3), "db/msr/V3_idx.up.sql", 4)), 3, 3,
                null);

        report(new MsrProperties()).report(result);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        List<Map<String, Object>> lines = lines("logstash");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).containsEntry("level", "ERROR").containsEntry("msr.finding.code", "MSR101")
                .containsEntry("msr.finding.file", "db/msr/V3_idx.up.sql").containsEntry("msr.finding.line", 4L)
                .containsEntry("message", "CREATE INDEX without CONCURRENTLY locks writes");
        assertThat(lines.get(1)).containsEntry("level", "ERROR").containsEntry("msr.operation", "CHECK")
                .containsEntry("msr.exitCode", 2L).containsEntry("msr.errors", 1L)
                .containsEntry("message", "MSR check failed: 1 error, 0 warnings in 3 migrations.");
    }

    @Test
    void flattensNestedValuesAndListsAndLeavesNullsOut() {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("schemaVersion", Version.of(7));
        result.put("status", Operation.DRIFT);
        result.put("lastApplied", Map.of("version", 7L));
        result.put("pendingVersions", List.of(8L, 9L));
        result.put("baseRef", null);
        assertThat(OneShotEvents.flatten(result)).containsExactly(Map.entry("msr.schemaVersion", 7L),
                Map.entry("msr.status", "DRIFT"), Map.entry("msr.lastApplied.version", 7L),
                Map.entry("msr.pendingVersions.count", 2));
    }
}
