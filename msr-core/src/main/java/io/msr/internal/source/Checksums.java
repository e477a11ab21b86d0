package io.msr.internal.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checksums of migration scripts: SHA-256 of the text with line endings normalised to {@code \n} and a leading
 * byte-order mark removed, as lowercase hex. So a checkout with CRLF line endings keeps the checksums of LF.
 */
public final class Checksums {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Checksums() {
    }

    /** Returns the checksum of a script's text (already decoded, BOM removed or not). */
    public static String of(String text) {
        String normalised = text.startsWith("\uFEFF") ? text.substring(1) : text;
        normalised = normalised.replace("\r\n", "\n").replace('\r', '\n');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
                out[2 * i + 1] = HEX[digest[i] & 0xF];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
