package io.msr.internal.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checksums of migration scripts: SHA-256 of the text with line endings normalised to {@code \n} and a leading
 * byte-order mark removed, encoded as UTF-8, as lowercase hex. So a checkout with CRLF line endings keeps the
 * checksums of LF. Streamed through a small buffer: a 50 MB script costs no normalised copy and no byte array.
 */
public final class Checksums {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int BUFFER = 8192;

    private Checksums() {
    }

    /** Returns the checksum of a script's text (already decoded, BOM removed or not). */
    public static String of(String text) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER + 4];
        int used = 0;
        int length = text.length();
        for (int i = text.startsWith("\uFEFF") ? 1 : 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                c = '\n';
                if (i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
            }
            if (c < 0x80) {
                buffer[used++] = (byte) c;
            } else if (c < 0x800) {
                buffer[used++] = (byte) (0xC0 | c >> 6);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++i));
                buffer[used++] = (byte) (0xF0 | point >> 18);
                buffer[used++] = (byte) (0x80 | point >> 12 & 0x3F);
                buffer[used++] = (byte) (0x80 | point >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | point & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buffer[used++] = '?'; // as String.getBytes(UTF_8) encodes an unpaired surrogate
            } else {
                buffer[used++] = (byte) (0xE0 | c >> 12);
                buffer[used++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | c & 0x3F);
            }
            if (used >= BUFFER) {
                digest.update(buffer, 0, used);
                used = 0;
            }
        }
        digest.update(buffer, 0, used);
        byte[] hash = digest.digest();
        char[] out = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(out);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
