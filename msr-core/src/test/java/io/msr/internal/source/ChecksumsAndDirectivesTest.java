package io.msr.internal.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksumsAndDirectivesTest {

    @Test
    void checksumIgnoresLineEndingsAndAByteOrderMark() {
        String lf = Checksums.of("create table a (id int);\nselect 1;\n");
        assertThat(Checksums.of("create table a (id int);\r\nselect 1;\r\n")).isEqualTo(lf);
        assertThat(Checksums.of("\uFEFFcreate table a (id int);\nselect 1;\n")).isEqualTo(lf);
        assertThat(lf).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void streamedChecksumEqualsTheDigestOfTheNormalisedUtf8Text() throws Exception {
        java.util.Random random = new java.util.Random(23);
        String alphabet = "ab;\r\n\r\né€\uD83D\uDE00\uD800x\uDC00ÿࠀ";
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder(round % 7 == 0 ? "\uFEFF" : "");
            for (int i = random.nextInt(20_000); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String normalised = text.toString().replaceFirst("^\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(Checksums.of(text.toString())).as("round " + round)
                    .isEqualTo(java.util.HexFormat.of().formatHex(digest));
        }
    }

    @Test
    void checksumChangesWithTheContent() {
        assertThat(Checksums.of("select 1;")).isNotEqualTo(Checksums.of("select 2;"));
    }

    @Test
    void readsDirectivesFromLinesEndingInABareCarriageReturn() {
        Directives directives = Directives.parse("-- a note\r-- msr:transaction=false\rcreate index concurrently i"
                + " on t (a);\r");
        assertThat(directives.transaction()).isFalse();
        assertThat(Directives.parse("-- msr:transaction=false\r\n\r\ncreate table t (a int);").transaction()).isFalse();
    }

    @Test
    void readsTheTransactionDirectiveFromLeadingComments() {
        assertThat(Directives.parse("-- a note\n-- msr:transaction=false\ncreate index concurrently i on t (a);")
                .transaction()).isFalse();
        assertThat(Directives.parse("create table t (a int);\n-- msr:transaction=false").transaction()).isNull();
    }

    @Test
    void rejectsUnknownDirectivesAndBadValues() {
        assertThatThrownBy(() -> Directives.parse("-- msr:transactional=false\nselect 1;"))
                .hasMessageContaining("unknown directive 'msr:transactional=false'");
        assertThatThrownBy(() -> Directives.parse("-- msr:transaction=no\nselect 1;"))
                .hasMessageContaining("needs true or false");
    }
}
