package io.msr.boot.autoconfigure;

import io.msr.CheckFormat;
import io.msr.CheckResult;
import io.msr.DriftResult;
import io.msr.ExecutedMigration;
import io.msr.ExitCode;
import io.msr.InfoResult;
import io.msr.Issue;
import io.msr.LockStatus;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.Redaction;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.core.env.Environment;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports a one-shot operation: a human-readable summary (or the JSON result with {@code msr.output=json}) on
 * standard output, the JSON result in {@code msr.summary-path} when set, and a compact JSON result under 4 KiB
 * in {@code msr.termination-message-path} ({@code /dev/termination-log}) when that file exists, where Kubernetes
 * shows it in {@code kubectl describe}. When the console log is structured, nothing is printed: the result is a
 * log event instead ({@link OneShotEvents}), carrying the whole JSON result as {@code msr.json} with
 * {@code msr.output=json}; the files are written the same.
 */
final class OneShotReport {

    static final int TERMINATION_MESSAGE_LIMIT = 4096;
    private static final Logger log = LoggerFactory.getLogger(OneShotReport.class);

    private final MsrProperties properties;
    private final PrintStream out;
    private final Path terminationLog;
    private final OneShotEvents events;
    private final Redaction redaction;

    /** Creates a report that logs the result when {@code environment} has a structured console log. */
    OneShotReport(MsrProperties properties, Environment environment) {
        this(properties, System.out, Path.of(properties.getTerminationMessagePath()),
                OneShotEvents.structuredConsole(environment) ? new OneShotEvents() : null);
    }

    OneShotReport(MsrProperties properties, PrintStream out, Path terminationLog) {
        this(properties, out, terminationLog, null);
    }

    /** Creates a report; {@code events} null prints the result to {@code out}, else logs it there instead. */
    OneShotReport(MsrProperties properties, PrintStream out, Path terminationLog, OneShotEvents events) {
        this.properties = properties;
        this.out = out;
        this.terminationLog = terminationLog;
        this.redaction = redaction(properties);
        this.events = events == null ? null : events.masking(redaction::mask);
    }

    /**
     * Everything this report writes passes here: the values of secret placeholders and the migration password are
     * masked, whichever path (a server error, a note, a warning) brought them into a result.
     */
    private static Redaction redaction(MsrProperties properties) {
        List<String> secrets = new ArrayList<>();
        properties.getPlaceholders().forEach((name, value) -> {
            if (Redaction.isSecretPlaceholder(name, properties.getSecretPlaceholders())) {
                secrets.add(value);
            }
        });
        if (properties.getDatasource().getPassword() != null) {
            secrets.add(properties.getDatasource().getPassword());
        }
        return Redaction.of(secrets);
    }

    private void print(String text) {
        out.println(redaction.mask(text));
    }

    void operation(OperationResult result) {
        String json = result.toJson();
        if (events != null) {
            events.result(OneShotText.headline(result), result.exitCode().code(), result.toMap(), jsonField(json));
        } else if (properties.getOutput() == MsrProperties.Output.JSON) {
            print(json);
        } else {
            print(OneShotText.operation(result));
        }
        write(json, compact(result, json));
    }

    void info(InfoResult info) {
        String json = info.toJson();
        if (events != null) {
            for (Issue issue : info.issues()) {
                events.detail(issue.isError() ? Level.ERROR : Level.WARN, issue.message(), "issue", issueFields(issue));
            }
            events.result("MSR info: " + OneShotText.headline(info), ExitCode.SUCCESS.code(), info.toMap(),
                    jsonField(json));
        } else {
            print(properties.getOutput() == MsrProperties.Output.JSON ? json : OneShotText.info(info));
        }
        String compact = json.getBytes(StandardCharsets.UTF_8).length <= TERMINATION_MESSAGE_LIMIT ? json
                : info.toSummaryJson();
        write(json, compact);
    }

    void check(CheckResult result) {
        String json = CheckFormat.JSON.render(result).strip();
        if (events != null) {
            for (Issue finding : result.findings()) {
                events.detail(finding.isError() ? Level.ERROR : Level.WARN, finding.message(), "finding",
                        findingFields(finding));
            }
            events.result(CheckFormat.summary(result), result.exitCode().code(), result.toMap(), jsonField(json));
        } else {
            out.print(redaction.mask(properties.getOutput() == MsrProperties.Output.JSON ? json + "\n"
                    : CheckFormat.TEXT.render(result)));
            out.flush();
        }
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
        if (events != null) {
            events.result(OneShotText.headline(result), result.exitCode().code(), result.toMap(), jsonField(json));
        } else {
            print(properties.getOutput() == MsrProperties.Output.JSON ? json : OneShotText.drift(result));
        }
        String compact = json;
        for (int limit = 10; limit > 0 && bytes(compact) > TERMINATION_MESSAGE_LIMIT; limit /= 2) {
            compact = result.toJson(limit);
        }
        if (bytes(compact) > TERMINATION_MESSAGE_LIMIT) {
            compact = result.toHeaderJson().replaceFirst("}$", ",\"status\":\"" + result.status()
                    + "\",\"differenceCount\":" + result.differences().size() + "}");
        }
        write(json, compact);
    }

    /**
     * Reports an operation over many schemas: every schema's outcome in the JSON result ({@code msr.summary-path},
     * {@code msr.output=json}), a summary that does not grow with the number of schemas (counts and the first failed
     * schemas) in the termination message.
     */
    void schemas(SchemasResult<?> result) {
        String json = result.toJson();
        if (events != null) {
            for (SchemaOutcome<?> failed : result.failures()) {
                events.detail(Level.ERROR, "Schema " + failed.schema() + " failed with exit code "
                        + failed.exitCode().code(), "schema", failed.toMap(300));
            }
            events.result(SchemasText.headline(result), result.exitCode().code(),
                    result.toSummaryMap(SchemasResult.SUMMARY_SCHEMAS_LISTED), jsonField(json));
        } else {
            print(properties.getOutput() == MsrProperties.Output.JSON ? json : SchemasText.of(result));
        }
        String compact = json;
        for (int listed = SchemasResult.SUMMARY_SCHEMAS_LISTED; bytes(compact) > TERMINATION_MESSAGE_LIMIT;
                listed /= 2) {
            compact = result.toSummaryJson(listed);
            if (listed == 0) {
                break;
            }
        }
        write(json, compact);
    }

    void lock(LockStatus status) {
        String json = status.toJson();
        if (events != null) {
            events.result(OneShotText.lock(status), status.exitCode().code(), status.toMap(), jsonField(json));
        } else {
            print(properties.getOutput() == MsrProperties.Output.JSON ? json : OneShotText.lock(status));
        }
        write(json, json);
    }

    /** With {@code msr.output=json}, the result event carries the whole JSON result as one field. */
    private String jsonField(String json) {
        return properties.getOutput() == MsrProperties.Output.JSON ? json : null;
    }

    private static Map<String, Object> issueFields(Issue issue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("severity", issue.severity().name());
        fields.put("code", issue.code());
        fields.put("version", Version.jsonValue(issue.version()));
        fields.put("script", issue.script());
        return fields;
    }

    private static Map<String, Object> findingFields(Issue finding) {
        Map<String, Object> fields = new LinkedHashMap<>(CheckResult.findingMap(finding));
        fields.remove("message");
        return fields;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void write(String rawJson, String rawCompact) {
        String json = redaction.mask(rawJson);
        String compact = redaction.mask(rawCompact);
        if (properties.getSummaryPath() != null && !properties.getSummaryPath().isBlank()) {
            ResultFiles.writeSummary(Path.of(properties.getSummaryPath()), json + "\n");
        }
        ResultFiles.writeTerminationMessage(terminationLog, compact);
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
        return result.toHeaderJson();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
