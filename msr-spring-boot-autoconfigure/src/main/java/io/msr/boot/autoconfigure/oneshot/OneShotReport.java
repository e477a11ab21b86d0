package io.msr.boot.autoconfigure.oneshot;

import io.msr.MsrResult;
import io.msr.Redaction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
public final class OneShotReport {

    static final int TERMINATION_MESSAGE_LIMIT = 4096;
    private static final Logger log = LoggerFactory.getLogger(OneShotReport.class);

    private final Settings settings;
    private final PrintStream out;
    private final Path terminationLog;
    private final @Nullable OneShotEvents events;
    private final Redaction redaction;

    /**
     * What the report is told by {@code msr.*}.
     *
     * @param json                   {@code msr.output=json}: the JSON result instead of the text
     * @param summaryPath            {@code msr.summary-path}, the file the JSON result is written to, or null
     * @param terminationMessagePath {@code msr.termination-message-path}
     * @param placeholders           {@code msr.placeholders}: the values of the secret ones are masked
     * @param secretPlaceholders     {@code msr.secret-placeholders}, the names of placeholders that are secret besides
     *                               those whose names say so
     * @param password               the migration password ({@code msr.datasource.password}), masked, or null
     */
    public record Settings(boolean json, @Nullable String summaryPath, String terminationMessagePath,
            Map<String, String> placeholders, Collection<String> secretPlaceholders, @Nullable String password) {
    }

    /** Creates a report that logs the result when {@code environment} has a structured console log. */
    public OneShotReport(Settings settings, Environment environment) {
        this(settings, System.out, Path.of(settings.terminationMessagePath()),
                OneShotEvents.structuredConsole(environment) ? new OneShotEvents() : null);
    }

    OneShotReport(Settings settings, PrintStream out, Path terminationLog) {
        this(settings, out, terminationLog, null);
    }

    /** Creates a report; {@code events} null prints the result to {@code out}, else logs it there instead. */
    OneShotReport(Settings settings, PrintStream out, Path terminationLog, @Nullable OneShotEvents events) {
        this.settings = settings;
        this.out = out;
        this.terminationLog = terminationLog;
        this.redaction = redaction(settings);
        this.events = events == null ? null : events.masking(redaction::mask);
    }

    /**
     * Everything this report writes passes here: the values of secret placeholders and the migration password are
     * masked, whichever path (a server error, a note, a warning) brought them into a result.
     */
    private static Redaction redaction(Settings settings) {
        List<String> secrets = new ArrayList<>();
        settings.placeholders().forEach((name, value) -> {
            if (Redaction.isSecretPlaceholder(name, settings.secretPlaceholders())) {
                secrets.add(value);
            }
        });
        if (settings.password() != null) {
            secrets.add(settings.password());
        }
        return Redaction.of(secrets);
    }

    private void print(String text) {
        out.println(redaction.mask(text));
    }

    /**
     * Reports a result, whatever its kind, as its {@link OneShotView} shows it: the text (or the JSON document) on
     * standard output, or the detail events and the result event when the console log is structured; the document in
     * {@code msr.summary-path}; the result's JSON, shortened until it fits, in the termination message.
     */
    void report(MsrResult result) {
        OneShotView view = OneShotView.of(result);
        if (view.warning() != null) {
            log.warn(view.warning());
        }
        if (events != null) {
            for (OneShotView.Detail detail : view.details()) {
                events.detail(detail.level(), detail.message(), detail.kind(), detail.fields());
            }
            events.result(view.headline(), result.exitCode().code(), view.fields(), jsonField(view.document()));
        } else {
            print(settings.json() ? view.document() : view.text());
        }
        write(view.document(), terminationMessage(result, view));
    }

    /** Returns the result as JSON of at most 4 KiB: its JSON if it fits, else the first shorter, else the header. */
    static String terminationMessage(MsrResult result, OneShotView view) {
        String json = result.toJson();
        if (bytes(json) <= TERMINATION_MESSAGE_LIMIT) {
            return json;
        }
        for (var shorter : view.shorter()) {
            String candidate = shorter.get();
            if (bytes(candidate) <= TERMINATION_MESSAGE_LIMIT) {
                return candidate;
            }
        }
        return result.toHeaderJson();
    }

    /** With {@code msr.output=json}, the result event carries the whole JSON result as one field. */
    private @Nullable String jsonField(String json) {
        return settings.json() ? json : null;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void write(String rawJson, String rawCompact) {
        String json = redaction.mask(rawJson);
        String compact = redaction.mask(rawCompact);
        if (settings.summaryPath() != null && !settings.summaryPath().isBlank()) {
            ResultFiles.writeSummary(Path.of(settings.summaryPath()), json + "\n");
        }
        ResultFiles.writeTerminationMessage(terminationLog, compact);
    }
}
