package io.msr.internal.adopt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records in its history table's {@code checksum} column for an SQL migration, so a local file
 * can be matched with the row Flyway wrote for it.
 *
 * <p>Flyway reads the file as UTF-8 (its default {@code flyway.encoding}) line by line: {@code \n}, {@code \r\n} and
 * {@code \r} all end a line and are left out, a byte-order mark is dropped from the start of the first line, and the
 * UTF-8 bytes of the lines go into one CRC-32, with nothing between them. So the checksum ignores line endings, and
 * also where the lines break: {@code "a\nb"}, {@code "a\r\nb\n"} and {@code "ab"} have the same one.
 *
 * <p>What Flyway checksums is the file as written, placeholders unreplaced, for versioned migrations; for a repeatable
 * migration (with placeholder replacement on, its default) it is the text after replacing them. The caller passes
 * the text Flyway would have checksummed.
 */
final class FlywayChecksum {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private FlywayChecksum() {
    }

    /**
     * Returns the checksum of a migration file's bytes, read as UTF-8; 0 for an empty file. Throws an
     * {@link IllegalArgumentException} when the bytes are not valid UTF-8: Flyway refuses such a file with "Unable to
     * calculate checksum", so no history row can hold its checksum.
     */
    public static int of(byte[] fileContent) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(fileContent))
                    .toString();
            return of(text);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The migration is not valid UTF-8, so Flyway could not have"
                    + " checksummed it: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the checksum of a migration's text, already decoded (a leading byte-order mark is dropped); 0 when
     * empty.
     */
    public static int of(String text) {
        CRC32 crc = new CRC32();
        // BufferedReader decides what ends a line, as it does for Flyway: the same three terminators.
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            boolean first = true;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (first && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a string cannot fail", e);
        }
        return (int) crc.getValue();
    }
}
