package io.msr.boot.autoconfigure.oneshot;

import io.msr.CheckFormat;
import io.msr.CheckResult;
import io.msr.DriftResult;
import io.msr.ExecutedMigration;
import io.msr.Failure;
import io.msr.InfoResult;
import io.msr.Issue;
import io.msr.LockStatus;
import io.msr.MsrResult;
import io.msr.OperationResult;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.Version;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How one-shot output shows a result ({@link OneShotReport}): the one place that knows the kinds of
 * {@link MsrResult}, one arm each. Whatever the kind, the JSON starts with the result's header; the log event's fields
 * are its map, flattened; the termination message is its JSON when it fits in 4 KiB, else the first shorter JSON that
 * does, else the header alone.
 *
 * @param headline  the last line of the text, and the message of the log event
 * @param text      the text printed on standard output
 * @param document  the JSON printed with {@code msr.output=json} and written to {@code msr.summary-path}: the result's
 *                  JSON, except for check, whose document is the {@link CheckFormat#JSON check format} (that of
 *                  {@code mvn msr:check} too)
 * @param fields    the values of the log event, before flattening: the result's map (a summary that does not grow
 *                  with the number of schemas, for many schemas)
 * @param details   events written before the result's: the issues of info, the findings of check, the failed schemas
 * @param shorter   JSON versions of the result for the termination message, shortest last, tried in order when the
 *                  result's JSON does not fit
 * @param warning   a line logged at WARN whatever the output (a drift check that compared nothing), or null
 */
record OneShotView(String headline, String text, String document, Map<String, ?> fields, List<Detail> details,
        List<Supplier<String>> shorter, @Nullable String warning) {

    /** A detail event: its level, message, and fields under {@code msr.<kind>.}. */
    record Detail(Level level, String message, String kind, Map<String, ?> fields) {
    }

    /**
     * Returns the view of a result: one branch per kind of {@link MsrResult} (Java 17 has no switch over a sealed
     * type); a kind without a branch of its own is shown by its header and JSON.
     */
    static OneShotView of(MsrResult result) {
        if (result instanceof OperationResult operation) {
            return plain(operation, OneShotText.headline(operation), OneShotText.operation(operation),
                    List.of(() -> shortened(operation)));
        }
        if (result instanceof InfoResult info) {
            return new OneShotView("MSR info: " + OneShotText.headline(info), OneShotText.info(info), info.toJson(),
                    info.toMap(), info.issues().stream().map(issue -> new Detail(issue.isError() ? Level.ERROR
                            : Level.WARN, issue.message(), "issue", issueFields(issue))).toList(),
                    List.of(info::toSummaryJson), null);
        }
        if (result instanceof CheckResult check) {
            return new OneShotView(CheckFormat.summary(check), withoutLastLineBreak(CheckFormat.TEXT.render(check)),
                    withoutLastLineBreak(CheckFormat.JSON.render(check)), check.toMap(),
                    check.findings().stream().map(finding -> new Detail(finding.isError() ? Level.ERROR : Level.WARN,
                            finding.message(), "finding", findingFields(finding))).toList(),
                    List.of(check::toSummaryJson), null);
        }
        if (result instanceof DriftResult drift) {
            return new OneShotView(OneShotText.headline(drift), OneShotText.drift(drift), drift.toJson(),
                    drift.toMap(), List.of(), List.of(() -> drift.toJson(10), () -> drift.toJson(5),
                    () -> drift.toJson(2), () -> drift.toJson(1), drift::toSummaryJson),
                    drift.status() == DriftResult.Status.NO_FINGERPRINT ? "MSR drift check: " + drift.message() : null);
        }
        if (result instanceof SchemasResult<?> schemas) {
            return new OneShotView(SchemasText.headline(schemas), SchemasText.of(schemas), schemas.toJson(),
                    schemas.toSummaryMap(SchemasResult.SUMMARY_SCHEMAS_LISTED),
                    schemas.failures().stream().map(OneShotView::failedSchema).toList(),
                    List.of(() -> schemas.toSummaryJson(SchemasResult.SUMMARY_SCHEMAS_LISTED),
                            () -> schemas.toSummaryJson(5), () -> schemas.toSummaryJson(2),
                            () -> schemas.toSummaryJson(1), () -> schemas.toSummaryJson(0)), null);
        }
        if (result instanceof LockStatus lock) {
            return plain(lock, OneShotText.lock(lock), OneShotText.lock(lock), List.of());
        }
        // A kind of result without a view of its own yet: its header as the headline, its JSON as the text.
        String headline = "MSR " + result.operation().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (result.success() ? " succeeded" : " FAILED") + " (exit code " + result.exitCode().code() + ")";
        return plain(result, headline, result.toJson() + System.lineSeparator() + headline, List.of());
    }

    private static OneShotView plain(MsrResult result, String headline, String text, List<Supplier<String>> shorter) {
        return new OneShotView(headline, text, result.toJson(), result.toMap(), List.of(), shorter, null);
    }

    private static Map<String, @Nullable Object> issueFields(Issue issue) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("severity", issue.severity().name());
        fields.put("code", issue.code());
        fields.put("version", Version.jsonValue(issue.version()));
        fields.put("script", issue.script());
        return fields;
    }

    private static Map<String, @Nullable Object> findingFields(Issue finding) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(CheckResult.findingMap(finding));
        fields.remove("message");
        return fields;
    }

    private static Detail failedSchema(SchemaOutcome<?> failed) {
        return new Detail(Level.ERROR, "Schema " + failed.schema() + " failed with exit code "
                + failed.exitCode().code(), "schema", failed.toMap(300));
    }

    /** The operation's JSON with the executed list cut to its last three, the warnings counted, the message cut. */
    private static String shortened(OperationResult result) {
        List<ExecutedMigration> executed = result.executed();
        List<ExecutedMigration> tail = executed.subList(Math.max(0, executed.size() - 3), executed.size());
        Failure failure = result.failure() == null ? null : new Failure(result.failure().exitCode(),
                result.failure().type(), truncate(result.failure().message(), 1500), result.failure().version(),
                result.failure().script(), result.failure().line(), result.failure().sqlState());
        return new OperationResult(result.operation(), result.exitCode(), result.startedAt(), result.durationMs(),
                result.schemaVersionBefore(), result.schemaVersionAfter(), tail,
                result.warnings().isEmpty() ? List.of()
                        : List.of(result.warnings().size() + " warning(s); see the logs or msr.summary-path"),
                List.of(), failure).toJson();
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static String withoutLastLineBreak(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

}
