package io.msr.boot.autoconfigure.oneshot;

import io.msr.Version;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.core.env.Environment;

import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes a one-shot result as log events instead of printing it, for applications whose console log is structured
 * ({@code logging.structured.format.console} is set: {@code ecs}, {@code logstash}, {@code gelf} or a formatter
 * class), where every line on standard output must be one JSON object.
 *
 * <p>The result is one event of the logger {@value #LOGGER}: INFO when the exit code is 0, ERROR otherwise; its
 * message is the last line of the text summary, and the result's fields are key/value pairs (SLF4J's
 * {@code addKeyValue}), which Spring Boot's formatters write next to the message. The field names are the JSON
 * result's, flattened under {@value #PREFIX}: a nested object becomes dotted keys ({@code msr.failure.script}), a
 * list becomes its size ({@code msr.executed.count}), a null is left out; values are strings, numbers and booleans
 * only, which GELF requires. ECS nests the dotted keys ({@code "msr":{"exitCode":0}}), Logstash keeps them flat
 * ({@code "msr.exitCode":0}), GELF prefixes them with an underscore ({@code "_msr.exitCode":0}).
 *
 * <p>Details that the text summary lists line by line (the issues of {@code info}, the findings of {@code check})
 * are events of their own, WARN or ERROR, with their fields under {@code msr.issue.} or {@code msr.finding.}.
 */
final class OneShotEvents {

    /** The logger every result event is written to, whatever the mode. */
    static final String LOGGER = "io.msr.result";
    static final String PREFIX = "msr.";
    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    private final Logger log;
    private final UnaryOperator<String> mask;

    OneShotEvents() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    OneShotEvents(Logger log) {
        this(log, UnaryOperator.identity());
    }

    private OneShotEvents(Logger log, UnaryOperator<String> mask) {
        this.log = log;
        this.mask = mask;
    }

    /** Returns these events with {@code mask} applied to every message and text field (secrets masked). */
    OneShotEvents masking(UnaryOperator<String> mask) {
        return new OneShotEvents(log, mask);
    }

    /** Returns true when the console log is structured, so that standard output must hold JSON lines only. */
    static boolean structuredConsole(Environment environment) {
        String format = environment.getProperty(STRUCTURED_CONSOLE);
        return format != null && !format.isBlank();
    }

    /**
     * Writes the result event.
     *
     * @param message the one-line summary
     * @param exitCode the exit code the result stands for; it picks the level
     * @param result the result as plain values (a {@code toMap()}), flattened into the event's key/value pairs
     * @param json the whole JSON result, added as {@code msr.json} ({@code msr.output=json}); null leaves it out
     */
    void result(String message, int exitCode, Map<String, ?> result, @Nullable String json) {
        Map<String, Object> fields = flatten(result);
        fields.putIfAbsent(PREFIX + "exitCode", exitCode);
        if (json != null) {
            fields.put(PREFIX + "json", json);
        }
        event(exitCode == 0 ? Level.INFO : Level.ERROR, message, fields);
    }

    /** Writes a detail event: an issue or a finding, its fields flattened under {@code msr.<kind>.}. */
    void detail(Level level, String message, String kind, Map<String, ?> fields) {
        Map<String, Object> pairs = new LinkedHashMap<>();
        flatten(PREFIX + kind + ".", fields, pairs);
        event(level, message, pairs);
    }

    private void event(Level level, String message, Map<String, Object> fields) {
        LoggingEventBuilder event = log.atLevel(level).setMessage(mask.apply(message));
        fields.forEach((key, value) -> event.addKeyValue(key, value instanceof String text ? mask.apply(text) : value));
        event.log();
    }

    /** Returns the result's fields flattened under {@value #PREFIX}, in their order (see the class comment). */
    static Map<String, Object> flatten(Map<String, ?> result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        flatten(PREFIX, result, fields);
        return fields;
    }

    private static void flatten(String prefix, Map<String, ?> values, Map<String, Object> fields) {
        values.forEach((name, value) -> {
            String key = prefix + name;
            if (value instanceof Map<?, ?> nested) {
                Map<String, @Nullable Object> named = new LinkedHashMap<>();
                nested.forEach((nestedName, nestedValue) -> named.put(String.valueOf(nestedName), nestedValue));
                flatten(key + ".", named, fields);
            } else if (value instanceof Collection<?> items) {
                fields.put(key + ".count", items.size());
            } else if (value != null) {
                fields.put(key, plain(value));
            }
        });
    }

    private static Object plain(Object value) {
        if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Version version) {
            return version.jsonValue();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        return String.valueOf(value);
    }
}
