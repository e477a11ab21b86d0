package io.msr.internal.drift;

import io.msr.DriftDifference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The managed schemas described object by object: each object's stable key ({@code column app.users.email}) and its
 * canonical description ({@code text not null}), sorted by key. Two fingerprints of the same schema on the same
 * PostgreSQL major version are equal. Pure.
 *
 * @param objects the descriptions by key
 */
public record Fingerprint(SortedMap<String, String> objects) {

    /** Copies the map. */
    public Fingerprint {
        objects = new TreeMap<>(objects);
    }

    /** Returns the SHA-256 of the keys and descriptions, as 64 hex digits: equal digests, equal fingerprints. */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> object : objects.entrySet()) {
                sha.update((object.getKey() + '\0' + object.getValue() + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Returns how this fingerprint (the schema now) differs from {@code expected} (the one recorded), by key. */
    public List<DriftDifference> differencesFrom(Fingerprint expected) {
        TreeSet<String> keys = new TreeSet<>(expected.objects.keySet());
        keys.addAll(objects.keySet());
        List<DriftDifference> differences = new ArrayList<>();
        for (String key : keys) {
            String before = expected.objects.get(key);
            String now = objects.get(key);
            if (before == null) {
                differences.add(new DriftDifference(key, DriftDifference.Kind.ADDED, null, now));
            } else if (now == null) {
                differences.add(new DriftDifference(key, DriftDifference.Kind.REMOVED, before, null));
            } else if (!before.equals(now)) {
                differences.add(new DriftDifference(key, DriftDifference.Kind.CHANGED, before, now));
            }
        }
        return differences;
    }
}
