package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes passwords from URLs and messages before they are logged, reported or thrown. Used by the engine for
 * every message built from driver text, and available to integrations that print connection targets. An instance
 * ({@link #of(MsrSettings)}) also masks the values of secret placeholders, however the server echoes them.
 */
public final class Redaction {

    /**
     * {@code password=value}, also {@code password = value}: a libpq keyword/value string quotes a value with spaces
     * ({@code password='a b;c'}, backslash escapes inside); else the value runs to the next {@code &} or whitespace,
     * {@code ;} included ({@code ?password=a;b} in a JDBC URL is one password).
     */
    private static final Pattern QUERY_PASSWORD = Pattern.compile(
            "(?i)((?:password|passwd|pwd)\\s*=\\s*)(?:'(?:[^'\\\\]|\\\\.)*(?:'|$)|[^&\\s]*)");
    /** {@code //user:password@}: up to the last {@code @} before whitespace, as a password may hold @ / ? #. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)\\S*@");
    private static final String MASK = "****";
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "key");

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Returns the text with {@code password=...} parameters and {@code user:password@} parts masked. */
    public static @Nullable String redact(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String masked = QUERY_PASSWORD.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                match.group(1) + MASK));
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /** Returns the text redacted as {@link #redact(String)} does, and every occurrence of the password masked. */
    public static @Nullable String redact(@Nullable String text, @Nullable String password) {
        String masked = redact(text);
        if (masked != null && password != null && password.length() >= 1) {
            masked = masked.replace(password, MASK);
        }
        return masked;
    }

    /**
     * Returns true when a placeholder's value is secret: its name is one of {@code secretNames} (ignoring case), or
     * contains {@code password}, {@code secret}, {@code token} or {@code key} (ignoring case).
     */
    public static boolean isSecretPlaceholder(String name, Collection<String> secretNames) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains)
                || secretNames.stream().anyMatch(secret -> secret.equalsIgnoreCase(name));
    }

    /** Returns a redaction that also masks the values of the settings' secret placeholders. */
    public static Redaction of(MsrSettings settings) {
        return ofPlaceholders(settings.placeholders().values(), settings.placeholders().secretNames());
    }

    /**
     * Returns a redaction that also masks the values of the secret placeholders among {@code values}
     * ({@link #isSecretPlaceholder}).
     */
    public static Redaction ofPlaceholders(Map<String, ? extends @Nullable String> values,
            Collection<String> secretNames) {
        List<String> secrets = new ArrayList<>();
        values.forEach((name, value) -> {
            if (value != null && isSecretPlaceholder(name, secretNames)) {
                secrets.add(value);
            }
        });
        return of(secrets);
    }

    /**
     * Returns a redaction that also masks each of the secrets wherever it appears: as given, and as the server or a
     * JSON writer may echo it (a quote doubled or undoubled, JSON-escaped). An empty secret masks nothing.
     */
    public static Redaction of(Collection<? extends @Nullable String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            forms.add(secret);
            forms.add(secret.replace("'", "''"));
            forms.add(secret.replace("''", "'"));
            forms.add(secret.replace("\"", "\"\""));
            String json = Json.write(secret);
            forms.add(json.substring(1, json.length() - 1));
        }
        forms.remove("");
        List<String> longestFirst = new ArrayList<>(forms);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        return new Redaction(List.copyOf(longestFirst));
    }

    /** Returns the text with passwords ({@link #redact(String)}) and this redaction's secrets masked; null for null. */
    public @Nullable String mask(@Nullable String text) {
        String masked = redact(text);
        if (masked == null) {
            return null;
        }
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
