package io.msr.boot.autoconfigure.oneshot;

import io.msr.Direction;
import io.msr.ExecutedMigration;
import io.msr.ExitCode;
import io.msr.Failure;
import io.msr.MigrationType;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.Version;
import io.msr.boot.autoconfigure.MsrProperties;
import io.msr.boot.autoconfigure.SettingsFromProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OneShotReportTest {

    @TempDir
    Path dir;

    private static OperationResult failedRun(int migrations, String message) {
        List<ExecutedMigration> executed = new ArrayList<>();
        for (int i = 1; i <= migrations; i++) {
            executed.add(new ExecutedMigration(Version.of(i), "migration number " + i, MigrationType.SQL, "V" + i + "_m.up.sql",
                    Direction.UP, ExecutedMigration.Outcome.SUCCEEDED, 3));
        }
        return new OperationResult(Operation.MIGRATE, ExitCode.MIGRATION_FAILED, Instant.now(), 10, null, Version.of(5), executed,
                List.of("a warning"), List.of(), new Failure(ExitCode.MIGRATION_FAILED, "MigrationFailedException",
                message, Version.of(6), "V6_m.up.sql", 2, "42601"));
    }

    private static OperationResult succeededRun(int migrations) {
        OperationResult run = failedRun(migrations, "");
        return new OperationResult(Operation.MIGRATE, ExitCode.SUCCESS, run.startedAt(), 10, null,
                Version.of(migrations), run.executed(), List.of(), List.of(), null);
    }

    @Test
    void masksSecretPlaceholderValuesInTheTextTheSummaryAndTheTerminationMessage() throws Exception {
        MsrProperties properties = new MsrProperties();
        properties.setSummaryPath(dir.resolve("summary.json").toString());
        properties.getPlaceholders().put("signing_key", "K3y-S3cret");
        properties.getPlaceholders().put("tenant_note", "N0te \"S3cret\"");
        properties.getSecretPlaceholders().add("TENANT_NOTE");
        properties.getPlaceholders().put("tenant", "acme");
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        for (MsrProperties.Output output : MsrProperties.Output.values()) {
            properties.setOutput(output);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                    new PrintStream(out, true, StandardCharsets.UTF_8), terminationLog)
                    .report(failedRun(1, "failed: K3y-S3cret, N0te \"S3cret\" and acme"));
            String written = out.toString(StandardCharsets.UTF_8) + Files.readString(dir.resolve("summary.json"))
                    + Files.readString(terminationLog);
            assertThat(written).as(output.name()).doesNotContain("K3y-S3cret").doesNotContain("S3cret")
                    .contains("acme");
        }
    }

    @Test
    void aThousandSchemasKeepTheTerminationMessageUnderItsLimitAndTheSummaryFileWhole() throws Exception {
        MsrProperties properties = new MsrProperties();
        properties.setSummaryPath(dir.resolve("summary.json").toString());
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<SchemaOutcome<OperationResult>> outcomes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String schema = "tenant_" + i;
            if (i % 3 == 0) {
                outcomes.add(new SchemaOutcome<>(schema, SchemaOutcome.Status.FAILED, ExitCode.MIGRATION_FAILED, null,
                        failedRun(4, "y".repeat(5_000)).failure(), succeededRun(3)));
            } else {
                outcomes.add(SchemaOutcome.of(schema, succeededRun(5), ExitCode.SUCCESS));
            }
        }
        SchemasResult<OperationResult> result = new SchemasResult<>(Operation.MIGRATE, ExitCode.MIGRATION_FAILED,
                Instant.now(), 1234, 0, 1, outcomes);

        new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(out, true, StandardCharsets.UTF_8), terminationLog)
                .report(result);

        String termination = Files.readString(terminationLog);
        assertThat(termination.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(termination).contains("\"exitCode\":3").contains("\"failed\":334").contains("tenant_0")
                .contains("\"failuresNotListed\"");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("tenant_999").contains("tenant_998");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("MSR migrate FAILED over 1000 schema(s): 666 succeeded, 334 failed")
                .contains("tenant_3 ").doesNotContain("tenant_1 ").contains("more; every schema is in msr.summary-path");
        assertThat(text.lines().count()).isLessThan(30);
    }

    @Test
    void writesTheSummaryFileAndACompactTerminationMessage() throws Exception {
        MsrProperties properties = new MsrProperties();
        properties.setSummaryPath(dir.resolve("out/summary.json").toString());
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OperationResult result = failedRun(500, "x".repeat(10_000));

        new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(out, true, StandardCharsets.UTF_8), terminationLog)
                .report(result);

        assertThat(Files.readString(dir.resolve("out/summary.json"))).contains("\"version\":500");
        String termination = Files.readString(terminationLog);
        assertThat(termination.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(termination).contains("\"exitCode\":3").contains("\"line\":2").contains("\"version\":500")
                .doesNotContain("\"version\":1,");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("MSR migrate FAILED (exit code 3)");
    }

    @Test
    void keepsASmallResultWhole() {
        OperationResult result = failedRun(2, "syntax error");
        assertThat(OneShotReport.terminationMessage(result, OneShotView.of(result))).isEqualTo(result.toJson());
    }

    @Test
    void printsJsonWhenAsked() {
        MsrProperties properties = new MsrProperties();
        properties.setOutput(MsrProperties.Output.JSON);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(out, true, StandardCharsets.UTF_8), dir.resolve("absent"))
                .report(failedRun(1, "boom"));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"operation\":\"MIGRATE\"");
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void neverWritesThroughASymbolicLinkAtTheSummaryOrTerminationMessagePath() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "do not overwrite");
        Path summary = Files.createSymbolicLink(dir.resolve("summary.json"), secret);
        Path terminationLog = Files.createSymbolicLink(dir.resolve("termination-log"), secret);
        MsrProperties properties = new MsrProperties();
        properties.setSummaryPath(summary.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(out, true, StandardCharsets.UTF_8), terminationLog)
                .report(succeededRun(2));

        assertThat(Files.readString(secret)).isEqualTo("do not overwrite");
        assertThat(Files.isSymbolicLink(summary)).isTrue();
        assertThat(Files.isSymbolicLink(terminationLog)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("MSR migrate");
    }

    @Test
    void replacesAnExistingSummaryWholeAndOverwritesTheTerminationMessageInPlace() throws Exception {
        Path summary = Files.writeString(dir.resolve("summary.json"), "#".repeat(100_000));
        Path terminationLog = Files.writeString(dir.resolve("termination-log"), "%".repeat(10_000));
        Object terminationKey = Files.readAttributes(terminationLog,
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        MsrProperties properties = new MsrProperties();
        properties.setSummaryPath(summary.toString());

        new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                terminationLog).report(succeededRun(2));

        assertThat(Files.readString(summary)).startsWith("{").doesNotContain("#").endsWith("}\n");
        assertThat(Files.readString(terminationLog)).startsWith("{").doesNotContain("%");
        assertThat(Files.readAttributes(terminationLog, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isEqualTo(terminationKey);
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("summary.json", "termination-log");
        }
    }
}
