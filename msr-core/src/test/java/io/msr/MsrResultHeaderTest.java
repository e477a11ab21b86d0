package io.msr;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every result the engine returns starts its map and its JSON with the same header, whatever its type. */
class MsrResultHeaderTest {

    private static final Instant STARTED = Instant.parse("2026-12-07T10:00:00Z");

    /** One result of each type, a failed one where the type can fail; a new result type must add its own here. */
    private static Map<Class<?>, List<MsrResult>> samples() {
        Failure failure = new Failure(ExitCode.MIGRATION_FAILED, "MigrationFailedException", "boom", Version.of(3),
                "V3__broken.up.sql", 2, "42P01");
        OperationResult migrated = new OperationResult(Operation.MIGRATE, ExitCode.SUCCESS, STARTED, 12, null,
                Version.of(2), List.of(), List.of(), List.of(), null);
        OperationResult failed = new OperationResult(Operation.MIGRATE, ExitCode.MIGRATION_FAILED, STARTED, 12,
                Version.of(2), Version.of(2), List.of(), List.of(), List.of(), failure);
        DriftResult drift = new DriftResult(DriftResult.Status.DRIFT, Version.of(2), List.of("app"), STARTED,
                "migrator", 3, List.of(new DriftDifference("table app.t", DriftDifference.Kind.ADDED, null, "table")),
                "Drift: 1 difference(s)");
        Map<Class<?>, List<MsrResult>> samples = new LinkedHashMap<>();
        samples.put(OperationResult.class, List.of(migrated, failed));
        samples.put(InfoResult.class, List.of(new InfoResult(Version.of(2), Version.of(3), List.of(), List.of(),
                true, List.of(Issue.warning("PENDING", "one pending", Version.of(3), "V3__x.up.sql")))));
        samples.put(CheckResult.class, List.of(new CheckResult(List.of(), 2, 2, null),
                new CheckResult(List.of(new Issue(Issue.Severity.ERROR, "LINT_X", "bad", Version.of(3),
                        "db/msr/V3__x.up.sql", 4)), 3, 3, "main")));
        samples.put(DriftResult.class, List.of(drift, new DriftResult(DriftResult.Status.NO_FINGERPRINT, null,
                List.of("app"), null, null, 0, List.of(), "No fingerprint")));
        samples.put(SchemasResult.class, List.of(new SchemasResult<>(Operation.MIGRATE, ExitCode.MIGRATION_FAILED,
                STARTED, 30, 0, 1, List.of(SchemaOutcome.of("a", migrated, ExitCode.SUCCESS),
                SchemaOutcome.notStarted("b"))), new SchemasResult<>(Operation.DRIFT, ExitCode.SUCCESS, STARTED, 5,
                0, 1, List.<SchemaOutcome<DriftResult>>of())));
        samples.put(LockStatus.class, List.of(new LockStatus("msr:1:2", false, null, null, null, null),
                new LockStatus("msr:1:2", true, 42, "msr host 7", null, STARTED).asLockRelease()));
        return samples;
    }

    @Test
    void everyResultTypeHasASampleHere() {
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.asList(MsrResult.class.getPermittedSubclasses()));
    }

    @Test
    void everyResultStartsWithOperationSuccessAndExitCode() {
        Map<Class<?>, List<MsrResult>> samples = samples();
        for (Class<?> type : MsrResult.class.getPermittedSubclasses()) {
            for (MsrResult result : samples.get(type)) {
                String header = "{\"operation\":\"" + result.operation().name() + "\",\"success\":" + result.success()
                        + ",\"exitCode\":" + result.exitCode().code();
                assertThat(result.toJson()).as(type.getSimpleName()).startsWith(header + ",");
                assertThat(result.toHeaderJson()).as(type.getSimpleName()).isEqualTo(header + "}");
                assertThat(new ArrayList<>(result.toMap().keySet()).subList(0, 3)).as(type.getSimpleName())
                        .containsExactly("operation", "success", "exitCode");
                assertThat(result.toMap()).as(type.getSimpleName())
                        .containsEntry("operation", result.operation().name())
                        .containsEntry("success", result.exitCode() == ExitCode.SUCCESS)
                        .containsEntry("exitCode", result.exitCode().code());
            }
        }
    }

    @Test
    void theSummariesOfResultsThatHaveOneStartWithTheHeaderToo() {
        InfoResult info = (InfoResult) samples().get(InfoResult.class).get(0);
        assertThat(info.toSummaryJson()).startsWith(info.toHeaderJson().replace("}", ","));
        SchemasResult<?> schemas = (SchemasResult<?>) samples().get(SchemasResult.class).get(0);
        assertThat(schemas.toSummaryJson(1)).startsWith(schemas.toHeaderJson().replace("}", ","));
        DriftResult drift = (DriftResult) samples().get(DriftResult.class).get(0);
        assertThat(drift.toJson(0)).startsWith(drift.toHeaderJson().replace("}", ","));
        assertThat(drift.toSummaryJson()).isEqualTo(drift.toHeaderJson().replace("}", ",")
                + "\"status\":\"DRIFT\",\"differenceCount\":1}");
        CheckResult check = (CheckResult) samples().get(CheckResult.class).get(1);
        assertThat(check.toSummaryJson()).isEqualTo(check.toHeaderJson().replace("}", ",")
                + "\"passed\":false,\"errors\":1,\"warnings\":0,\"migrations\":3,\"checked\":3,\"baseRef\":\"main\"}");
    }

    @Test
    void driftFoundIsNoSuccessAndALockReleaseSaysSo() {
        MsrResult drift = samples().get(DriftResult.class).get(0);
        assertThat(drift.toJson()).startsWith("{\"operation\":\"DRIFT\",\"success\":false,\"exitCode\":9,"
                + "\"status\":\"DRIFT\",\"hasDrift\":true,");
        assertThat(samples().get(LockStatus.class).get(1).toJson())
                .startsWith("{\"operation\":\"LOCK_RELEASE\",\"success\":true,\"exitCode\":0,\"key\":\"msr:1:2\",");
    }
}
