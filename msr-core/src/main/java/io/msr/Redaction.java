package io.msr;

import java.util.regex.Pattern;

/**
 * Removes passwords from URLs and messages before they are logged, reported or thrown. Used by the engine for
 * every message built from driver text, and available to integrations that print connection targets.
 */
public final class Redaction {

    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&;\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^@/\\s]*@");
    private static final String MASK = "****";

    private Redaction() {
    }

    /** Returns the text with {@code password=...} parameters and {@code user:password@} parts masked. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = QUERY_PASSWORD.matcher(text).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /** Returns the text redacted as {@link #redact(String)} does, and every occurrence of the password masked. */
    public static String redact(String text, String password) {
        String masked = redact(text);
        if (masked != null && password != null && password.length() >= 1) {
            masked = masked.replace(password, MASK);
        }
        return masked;
    }
}
