package io.msr.internal.source;

import io.msr.DeployPhase;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-file directives, written as leading comment lines such as {@code -- msr:transaction=false}. Only the
 * comment lines before the first statement count. Known directives:
 * <ul>
 *   <li>{@code transaction=true|false}: run inside a transaction or not, whatever the transaction mode;</li>
 *   <li>{@code lock-timeout=<duration>} and {@code statement-timeout=<duration>} ({@code 500ms}, {@code 30s},
 *       {@code 5min}, {@code 1h}, {@code 0} for none): PostgreSQL timeouts of this migration;</li>
 *   <li>{@code idempotent=true}: a non-transactional migration that may safely run again after a transient
 *       failure, so it is retried like a transactional one;</li>
 *   <li>{@code allow=<rule-id>[,<rule-id>...]}: lint rules this file breaks on purpose;</li>
 *   <li>{@code phase=pre-deploy|post-deploy}: when the migration runs relative to the rollout (see
 *       {@link io.msr.DeployPhase}); unmarked migrations are pre-deploy.</li>
 * </ul>
 *
 * @param values every directive found, by name
 */
public record Directives(Map<String, String> values) {

    /** The directives MSR understands. */
    public static final Set<String> KNOWN = Set.of("transaction", "lock-timeout", "statement-timeout", "idempotent",
            "allow", "phase");

    /** No directives. */
    public static final Directives NONE = new Directives(Map.of());

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|min|h)?");

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
        // Line by line from the top, copying only the lines read: directives sit in the leading comments.
        for (int start = 0, end; start <= text.length(); start = end + 1) {
            end = lineEnd(text, start);
            String line = text.substring(start, end).strip();
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
            for (String directive : comment.substring(4).strip().split("\\s+")) {
                int equals = directive.indexOf('=');
                String name = equals < 0 ? directive : directive.substring(0, equals);
                String value = equals < 0 ? "" : directive.substring(equals + 1);
                check(name, value, directive);
                found.put(name, value);
            }
        }
        return found.isEmpty() ? NONE : new Directives(found);
    }

    /** A line ends at {@code \n} or {@code \r}, as a {@code --} comment does for PostgreSQL; {@code \r\n} leaves an empty line. */
    private static int lineEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    private static void check(String name, String value, String directive) {
        switch (name) {
            case "transaction", "idempotent" -> {
                if (!"true".equals(value) && !"false".equals(value)) {
                    throw new IllegalArgumentException("directive 'msr:" + directive + "' needs true or false, e.g. -- msr:"
                            + name + "=false");
                }
            }
            case "lock-timeout", "statement-timeout" -> {
                if (!DURATION.matcher(value).matches()) {
                    throw new IllegalArgumentException("directive 'msr:" + directive + "' needs a duration such as"
                            + " 500ms, 30s, 5min or 1h (0 for none)");
                }
            }
            case "allow" -> {
                if (!value.matches("[a-z-]+(,[a-z-]+)*")) {
                    throw new IllegalArgumentException("directive 'msr:" + directive + "' needs lint rule ids, e.g."
                            + " -- msr:allow=drop-column,set-not-null");
                }
            }
            case "phase" -> {
                if (DeployPhase.fromPropertyValue(value) == null) {
                    throw new IllegalArgumentException("directive 'msr:" + directive + "' needs pre-deploy or"
                            + " post-deploy, e.g. -- msr:phase=post-deploy");
                }
            }
            default -> throw new IllegalArgumentException("unknown directive 'msr:" + directive + "' (known: msr:"
                    + "transaction=true|false, msr:lock-timeout=30s, msr:statement-timeout=5min, msr:idempotent=true,"
                    + " msr:allow=<lint rule ids>, msr:phase=pre-deploy|post-deploy)");
        }
    }

    /** Returns the {@code transaction} directive: TRUE, FALSE, or null when the file does not set it. */
    public @Nullable Boolean transaction() {
        String value = values.get("transaction");
        return value == null ? null : Boolean.valueOf(value);
    }

    /** Returns the file's phase, or null when it does not set one (pre-deploy). */
    public @Nullable DeployPhase phase() {
        String value = values.get("phase");
        return value == null ? null : DeployPhase.fromPropertyValue(value);
    }

    /** Returns true when the file declares itself safe to run again after a transient failure. */
    public boolean idempotent() {
        return "true".equals(values.get("idempotent"));
    }

    /** Returns the file's lock timeout, or null when it does not set one. */
    public @Nullable Duration lockTimeout() {
        return duration(values.get("lock-timeout"));
    }

    /** Returns the file's statement timeout, or null when it does not set one. */
    public @Nullable Duration statementTimeout() {
        return duration(values.get("statement-timeout"));
    }

    private static @Nullable Duration duration(@Nullable String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalStateException("checked when parsed: " + value);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
