package io.msr.boot.autoconfigure.oneshot;

import io.msr.CheckFormat;
import io.msr.CheckResult;
import io.msr.DriftDifference;
import io.msr.DriftResult;
import io.msr.ExitCode;
import io.msr.InfoResult;
import io.msr.Issue;
import io.msr.LockStatus;
import io.msr.MsrResult;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.Version;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of result is shown one way: the header first in its JSON, its log event and its termination message. */
class OneShotViewTest {

    private static final Instant STARTED = Instant.parse("2026-12-07T10:00:00Z");

    /** One result of each kind that {@link MsrResult} permits, each too big for a termination message. */
    private static List<MsrResult> samples() {
        String longText = "x".repeat(5000);
        OperationResult migrated = new OperationResult(Operation.MIGRATE, ExitCode.SUCCESS, STARTED, 12, null,
                Version.of(2), List.of(), List.of(longText), List.of(), null);
        List<DriftDifference> differences = IntStream.range(0, 200).mapToObj(i -> new DriftDifference(
                "table app.t" + i, DriftDifference.Kind.ADDED, null, "table")).toList();
        return List.of(migrated,
                new InfoResult(Version.of(2), Version.of(3), List.of(), List.of(), true,
                        List.of(Issue.warning("PENDING", longText, Version.of(3), "V3__x.up.sql"))),
                new CheckResult(List.of(new Issue(Issue.Severity.ERROR, "LINT_X", longText, Version.of(3),
                        "db/msr/V3__x.up.sql", 4)), 3, 3, null),
                new DriftResult(DriftResult.Status.DRIFT, Version.of(2), List.of("app"), STARTED, "migrator", 3,
                        differences, "Drift: 200 difference(s)"),
                new SchemasResult<>(Operation.MIGRATE, ExitCode.SUCCESS, STARTED, 30, 0, 1,
                        IntStream.range(0, 200).mapToObj(i -> SchemaOutcome.of("tenant_" + i, migrated,
                                ExitCode.SUCCESS)).toList()),
                new LockStatus("msr:1:2", true, 42, "msr host 7", null, STARTED).asLockRelease());
    }

    @Test
    void theSamplesCoverEveryKindOfResult() {
        List<Class<?>> kinds = new ArrayList<>();
        for (MsrResult result : samples()) {
            assertThat(OneShotView.of(result)).isNotNull();
            kinds.add(result.getClass());
        }
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(Arrays.asList(MsrResult.class.getPermittedSubclasses()));
    }

    @Test
    void theLogEventAndTheTerminationMessageStartWithTheHeaderWhateverTheKind() {
        for (MsrResult result : samples()) {
            OneShotView view = OneShotView.of(result);
            String header = result.toHeaderJson();
            String message = OneShotReport.terminationMessage(result, view);
            assertThat(message).as(result.getClass().getSimpleName())
                    .startsWith(header.substring(0, header.length() - 1));
            assertThat(message.length()).isLessThanOrEqualTo(OneShotReport.TERMINATION_MESSAGE_LIMIT);
            assertThat(new ArrayList<>(view.fields().keySet()).subList(0, 3)).as(result.getClass().getSimpleName())
                    .containsExactly("operation", "success", "exitCode");
            assertThat(view.fields().get("operation")).isEqualTo(result.operation().name());
            assertThat(view.text()).as(result.getClass().getSimpleName()).endsWith(view.headline()
                    .replaceFirst("^MSR info: ", ""));
        }
    }

    @Test
    void theDocumentIsTheResultsJsonButForCheckWhichKeepsTheCheckFormat() {
        for (MsrResult result : samples()) {
            String document = OneShotView.of(result).document();
            if (result instanceof CheckResult check) {
                assertThat(document + "\n").isEqualTo(CheckFormat.JSON.render(check));
            } else {
                assertThat(document).isEqualTo(result.toJson());
            }
        }
    }
}
