package io.msr.processtest;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.msr.boot.autoconfigure.observation.MsrObservationContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An in-memory tracer's stand-in: writes each MSR observation as it stops, one JSON line in {@code test.observations.file}
 * (name, contextual name, parent's name, low- and high-cardinality keys, error type). Absent without the
 * property, so other tests' runs are untouched.
 */
@Component
@ConditionalOnProperty("test.observations.file")
public class ObservationFile implements ObservationHandler<Observation.Context> {

    private final Path file;

    public ObservationFile(@Value("${test.observations.file}") Path file) {
        this.file = file;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        // Handlers are chosen before the observation has its name: the context's type says it is MSR's.
        return context instanceof MsrObservationContext;
    }

    @Override
    public synchronized void onStop(Observation.Context context) {
        ObservationView parent = context.getParentObservation();
        String line = "{\"name\":" + quote(context.getName()) + ",\"contextualName\":"
                + quote(context.getContextualName()) + ",\"parent\":"
                + quote(parent == null ? null : parent.getContextView().getName()) + ",\"low\":"
                + object(context.getLowCardinalityKeyValues()) + ",\"high\":"
                + object(context.getHighCardinalityKeyValues()) + ",\"error\":"
                + quote(context.getError() == null ? null : context.getError().getClass().getSimpleName()) + "}\n";
        try {
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String object(KeyValues values) {
        StringBuilder json = new StringBuilder("{");
        for (KeyValue value : values) {
            json.append(json.length() > 1 ? "," : "").append(quote(value.getKey())).append(':')
                    .append(quote(value.getValue()));
        }
        return json.append('}').toString();
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
