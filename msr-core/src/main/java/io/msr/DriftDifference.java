package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One way the schema differs from the fingerprint recorded for its version.
 *
 * @param object   the object's stable key, its kind and schema-qualified name: {@code table app.users},
 *                 {@code column app.users.email}, {@code index app.users_email_idx}, {@code function app.f(integer)}
 * @param kind     whether the object was added, removed or changed since the fingerprint was recorded
 * @param expected the object's description in the fingerprint, or null when it was {@link Kind#ADDED}
 * @param actual   the object's description in the schema now, or null when it was {@link Kind#REMOVED}
 */
public record DriftDifference(String object, Kind kind, @Nullable String expected, @Nullable String actual) {

    /** How an object differs. */
    public enum Kind {
        /** In the schema, not in the fingerprint: created outside the migrations. */
        ADDED,
        /** In the fingerprint, not in the schema: dropped outside the migrations. */
        REMOVED,
        /** In both, described differently: altered outside the migrations. */
        CHANGED
    }

    /** Checks that the object and kind are given. */
    public DriftDifference {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(kind, "kind");
    }

    /** Returns one line: {@code CHANGED column app.users.email: text -> character varying(100)}. */
    public String describe() {
        return switch (kind) {
            case ADDED -> "ADDED " + object + ": " + actual;
            case REMOVED -> "REMOVED " + object + " (was: " + expected + ")";
            case CHANGED -> "CHANGED " + object + ": " + expected + " -> " + actual;
        };
    }

    /** Returns this difference as a map: {@code object}, {@code kind}, {@code expected}, {@code actual}. */
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("object", object);
        map.put("kind", kind);
        map.put("expected", expected);
        map.put("actual", actual);
        return map;
    }
}
