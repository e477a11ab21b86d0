package io.msr.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-file directives, written as leading comment lines such as {@code -- msr:transaction=false}. Only the
 * comment lines before the first statement count.
 *
 * @param values every directive found, by name
 */
public record Directives(Map<String, String> values) {

    /** The directives MSR understands. */
    public static final Set<String> KNOWN = Set.of("transaction");

    /** No directives. */
    public static final Directives NONE = new Directives(Map.of());

    /** Copies the map. */
    public Directives {
        values = Map.copyOf(values);
    }

    /**
     * Reads the directives of a script; throws {@link IllegalArgumentException} with a sentence naming the
     * directive when one is unknown or has an invalid value.
     */
    public static Directives parse(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("--")) {
                break;
            }
            String comment = line.substring(2).strip();
            if (!comment.startsWith("msr:")) {
                continue;
            }
            for (String directive : List.of(comment.substring(4).strip().split("\\s+"))) {
                int equals = directive.indexOf('=');
                String name = equals < 0 ? directive : directive.substring(0, equals);
                String value = equals < 0 ? "" : directive.substring(equals + 1);
                if (!KNOWN.contains(name)) {
                    throw new IllegalArgumentException("unknown directive 'msr:" + directive + "' (known: msr:transaction=true|false)");
                }
                if ("transaction".equals(name) && !"true".equals(value) && !"false".equals(value)) {
                    throw new IllegalArgumentException("directive 'msr:" + directive + "' needs true or false, e.g. -- msr:transaction=false");
                }
                found.put(name, value);
            }
        }
        return found.isEmpty() ? NONE : new Directives(found);
    }

    /** Returns the {@code transaction} directive: TRUE, FALSE, or null when the file does not set it. */
    public Boolean transaction() {
        String value = values.get("transaction");
        return value == null ? null : Boolean.valueOf(value);
    }
}
