package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes maps, lists, strings, numbers, booleans, enums and instants as compact JSON, in insertion order. */
final class Json {

    private Json() {
    }

    /**
     * Returns a new map holding the header every {@link MsrResult} starts with: {@code operation}, {@code success},
     * {@code exitCode}. This is the one place the header is written; a result adds its own fields after it.
     */
    static Map<String, @Nullable Object> header(MsrResult result) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("operation", result.operation().name());
        map.put("success", result.success());
        map.put("exitCode", result.exitCode().code());
        return map;
    }

    static String write(@Nullable Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, @Nullable Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number number) {
            out.append(number.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                append(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, item);
            }
            out.append(']');
        } else if (value instanceof Version version) {
            append(out, version.jsonValue());
        } else if (value instanceof Enum<?> constant) {
            string(out, constant.name());
        } else if (value instanceof Instant instant) {
            string(out, instant.toString());
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
