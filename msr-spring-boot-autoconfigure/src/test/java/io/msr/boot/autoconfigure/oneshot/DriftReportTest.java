package io.msr.boot.autoconfigure.oneshot;

import io.msr.DriftDifference;
import io.msr.DriftResult;
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

/** How {@code msr.mode=drift} reports: a line per difference, the JSON result, a termination message under 4 KiB. */
class DriftReportTest {

    @TempDir
    Path dir;

    private static DriftResult drifted(int count) {
        List<DriftDifference> differences = new ArrayList<>();
        differences.add(new DriftDifference("column app.users.age", DriftDifference.Kind.CHANGED, "integer", "bigint"));
        differences.add(new DriftDifference("index app.users_email_idx", DriftDifference.Kind.REMOVED,
                "CREATE INDEX users_email_idx ON app.users USING btree (email)", null));
        for (int i = 2; i < count; i++) {
            differences.add(new DriftDifference("table app.t" + i, DriftDifference.Kind.ADDED, null, "table"));
        }
        return new DriftResult(DriftResult.Status.DRIFT, Version.of(3), List.of("app"), Instant.EPOCH, "migrator", 40,
                differences, "Drift: " + count + " difference(s)");
    }

    private String print(MsrProperties properties, DriftResult result, Path terminationLog) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(out, true, StandardCharsets.UTF_8), terminationLog)
                .report(result);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneLinePerDifferenceAndTheExitCode() {
        String text = print(new MsrProperties(), drifted(3), dir.resolve("absent"));

        assertThat(text.lines()).containsExactly(
                "  CHANGED  column app.users.age: integer -> bigint",
                "  REMOVED  index app.users_email_idx (was: CREATE INDEX users_email_idx ON app.users USING btree (email))",
                "  ADDED    table app.t2: table",
                "MSR drift FOUND (exit code 9): Drift: 3 difference(s)");
    }

    @Test
    void warnsLoudlyWhenThereIsNoFingerprintToCompareWith() {
        DriftResult none = new DriftResult(DriftResult.Status.NO_FINGERPRINT, Version.of(3), List.of("app"), null, null,
                40, List.of(), "No fingerprint is recorded for schema version V3");

        assertThat(print(new MsrProperties(), none, dir.resolve("absent")))
                .isEqualTo("WARNING: MSR drift NOT CHECKED (exit code 0): No fingerprint is recorded for schema version V3"
                        + System.lineSeparator());
    }

    @Test
    void printsJsonWhenAskedAndKeepsTheTerminationMessageUnderFourKiB() throws Exception {
        MsrProperties properties = new MsrProperties();
        properties.setOutput(MsrProperties.Output.JSON);
        properties.setSummaryPath(dir.resolve("summary.json").toString());
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));

        String json = print(properties, drifted(500), terminationLog);

        assertThat(json).startsWith("{\"operation\":\"DRIFT\",\"success\":false,\"exitCode\":9,\"status\":\"DRIFT\","
                + "\"hasDrift\":true");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("table app.t499");
        String termination = Files.readString(terminationLog);
        assertThat(termination.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(termination).contains("\"differenceCount\":500").contains("column app.users.age")
                .doesNotContain("table app.t499");
    }
}
