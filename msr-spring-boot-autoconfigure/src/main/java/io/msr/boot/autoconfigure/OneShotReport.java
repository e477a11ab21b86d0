package io.msr.boot.autoconfigure;

import io.msr.CheckFormat;
import io.msr.CheckResult;
import io.msr.DriftResult;
import io.msr.ExecutedMigration;
import io.msr.InfoResult;
import io.msr.LockStatus;
import io.msr.Operation;
import io.msr.OperationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reports a one-shot operation: a human-readable summary (or the JSON result with {@code msr.output=json}) on
 * standard output, the JSON result in {@code msr.summary-path} when set, and a compact JSON result under 4 KiB
 * in {@code msr.termination-message-path} ({@code /dev/termination-log}) when that file exists, where Kubernetes
 * shows it in {@code kubectl describe}.
 */
final class OneShotReport {

    static final int TERMINATION_MESSAGE_LIMIT = 4096;
    private static final Logger log = LoggerFactory.getLogger(OneShotReport.class);

    private final MsrProperties properties;
    private final PrintStream out;
    private final Path terminationLog;

    OneShotReport(MsrProperties properties) {
        this(properties, System.out, Path.of(properties.getTerminationMessagePath()));
    }

    OneShotReport(MsrProperties properties, PrintStream out, Path terminationLog) {
        this.properties = properties;
        this.out = out;
        this.terminationLog = terminationLog;
    }

    void operation(OperationResult result) {
        String json = result.toJson();
        if (properties.getOutput() == MsrProperties.Output.JSON) {
            out.println(json);
        } else {
            out.println(OneShotText.operation(result));
        }
        write(json, compact(result, json));
    }

    void info(InfoResult info) {
        String json = info.toJson();
        out.println(properties.getOutput() == MsrProperties.Output.JSON ? json : OneShotText.info(info));
        String compact = json.getBytes(StandardCharsets.UTF_8).length <= TERMINATION_MESSAGE_LIMIT ? json
                : info.toSummaryJson();
        write(json, compact);
    }

    void check(CheckResult result) {
        String json = CheckFormat.JSON.render(result).strip();
        out.print(properties.getOutput() == MsrProperties.Output.JSON ? json + "\n" : CheckFormat.TEXT.render(result));
        out.flush();
        String compact = json.getBytes(StandardCharsets.UTF_8).length <= TERMINATION_MESSAGE_LIMIT ? json
                : "{\"passed\":" + result.passed() + ",\"errors\":" + result.errors().size() + ",\"warnings\":"
                + result.warnings().size() + ",\"summary\":\"see the logs or msr.summary-path\"}";
        write(json, compact);
    }

    void drift(DriftResult result) {
        String json = result.toJson();
        if (result.status() == DriftResult.Status.NO_FINGERPRINT) {
            log.warn("MSR drift check: {}", result.message());
        }
        out.println(properties.getOutput() == MsrProperties.Output.JSON ? json : OneShotText.drift(result));
        String compact = json;
        for (int limit = 10; limit > 0 && bytes(compact) > TERMINATION_MESSAGE_LIMIT; limit /= 2) {
            compact = result.toJson(limit);
        }
        if (bytes(compact) > TERMINATION_MESSAGE_LIMIT) {
            compact = "{\"operation\":\"DRIFT\",\"status\":\"" + result.status() + "\",\"exitCode\":"
                    + result.exitCode().code() + ",\"differenceCount\":" + result.differences().size() + "}";
        }
        write(json, compact);
    }

    void lock(Operation operation, LockStatus status) {
        String json = status.toJson();
        out.println(properties.getOutput() == MsrProperties.Output.JSON ? json : OneShotText.lock(operation, status));
        write(json, json);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void write(String json, String compact) {
        if (properties.getSummaryPath() != null && !properties.getSummaryPath().isBlank()) {
            Path summary = Path.of(properties.getSummaryPath());
            try {
                if (summary.getParent() != null) {
                    Files.createDirectories(summary.getParent());
                }
                Files.writeString(summary, json + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                log.warn("Could not write the MSR summary to {} (msr.summary-path): {}", summary, e.getMessage());
            }
        }
        if (Files.isWritable(terminationLog)) {
            try {
                Files.writeString(terminationLog, compact, StandardCharsets.UTF_8);
            } catch (IOException e) {
                log.debug("Could not write {}", terminationLog, e);
            }
        }
    }

    /** Returns the result as JSON of at most 4 KiB: the full JSON when it fits, else trimmed lists and message. */
    static String compact(OperationResult result, String json) {
        if (json.getBytes(StandardCharsets.UTF_8).length <= TERMINATION_MESSAGE_LIMIT) {
            return json;
        }
        List<ExecutedMigration> executed = result.executed();
        List<ExecutedMigration> tail = executed.subList(Math.max(0, executed.size() - 3), executed.size());
        var failure = result.failure() == null ? null : new io.msr.Failure(result.failure().exitCode(),
                result.failure().type(), truncate(result.failure().message(), 1500), result.failure().version(),
                result.failure().script(), result.failure().line(), result.failure().sqlState());
        OperationResult trimmed = new OperationResult(result.operation(), result.exitCode(), result.startedAt(),
                result.durationMs(), result.schemaVersionBefore(), result.schemaVersionAfter(), tail,
                result.warnings().isEmpty() ? List.of()
                        : List.of(result.warnings().size() + " warning(s); see the logs or msr.summary-path"),
                List.of(), failure);
        String shorter = trimmed.toJson();
        if (shorter.getBytes(StandardCharsets.UTF_8).length <= TERMINATION_MESSAGE_LIMIT) {
            return shorter;
        }
        return "{\"operation\":\"" + result.operation() + "\",\"success\":" + result.success() + ",\"exitCode\":"
                + result.exitCode().code() + "}";
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
