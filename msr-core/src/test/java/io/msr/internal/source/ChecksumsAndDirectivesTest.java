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
    void checksumChangesWithTheContent() {
        assertThat(Checksums.of("select 1;")).isNotEqualTo(Checksums.of("select 2;"));
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
