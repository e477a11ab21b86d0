package io.msr.boot.autoconfigure.oneshot;

import io.msr.MsrResult;
import io.msr.Redaction;
import io.msr.boot.autoconfigure.MsrProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private final MsrProperties properties;
    private final PrintStream out;
    private final Path terminationLog;
    private final OneShotEvents events;
    private final Redaction redaction;

    /** Creates a report that logs the result when {@code environment} has a structured console log. */
    public OneShotReport(MsrProperties properties, Environment environment) {
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
            print(properties.getOutput() == MsrProperties.Output.JSON ? view.document() : view.text());
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
    private String jsonField(String json) {
        return properties.getOutput() == MsrProperties.Output.JSON ? json : null;
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
}
