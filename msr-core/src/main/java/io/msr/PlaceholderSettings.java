package io.msr;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The placeholders {@code ${name}} in SQL migrations ({@code msr.placeholders.*}, {@code msr.placeholder-replacement},
 * {@code msr.secret-placeholders}).
 *
 * @param values      the values of the placeholders, by name (letters, digits, {@code _ . -}; matched ignoring case);
 *                    default none. The built-ins {@code ${msr:schema}}, {@code ${msr:table}} and {@code ${msr:user}}
 *                    need no value here
 * @param replacement replace placeholders when a migration runs (default true); false sends {@code ${...}} as written
 *                    and never reports an unknown placeholder
 * @param secretNames names of placeholders whose values are secret (matched ignoring case), besides every placeholder
 *                    whose name contains {@code password}, {@code secret}, {@code token} or {@code key}: their values
 *                    are masked in every message, log line and result ({@link Redaction#of(MsrSettings)}); default
 *                    none
 */
public record PlaceholderSettings(Map<String, String> values, boolean replacement, Set<String> secretNames) {

    /** Copies the values and names; throws {@link ConfigurationException} for a name that is not one. */
    public PlaceholderSettings {
        values = Map.copyOf(Objects.requireNonNull(values, "placeholders"));
        secretNames = Set.copyOf(Objects.requireNonNull(secretNames, "secretPlaceholders"));
        Map<String, String> seen = new HashMap<>();
        for (String name : values.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new ConfigurationException("The placeholder name '" + name + "' (msr.placeholders." + name
                        + ") is not a name: use letters, digits, _, . and -, starting with a letter or _.");
            }
            String other = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                throw new ConfigurationException("The placeholders '" + other + "' and '" + name
                        + "' differ only in case; names are matched ignoring case, so keep one of them.");
            }
        }
    }

    /** Returns the defaults: no values, replacement on, no secret names besides those that say so. */
    public static PlaceholderSettings defaults() {
        return new PlaceholderSettings(Map.of(), true, Set.of());
    }
}
