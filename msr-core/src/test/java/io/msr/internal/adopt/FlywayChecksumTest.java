package io.msr.internal.adopt;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link FlywayChecksum} gives what real Flyway writes in its history table for the same files. */
@WithPostgres
class FlywayChecksumTest {

    private static final String BOM = "\uFEFF";

    @TempDir
    Path dir;

    private final TestDatabase db;

    FlywayChecksumTest(TestDatabase db) {
        this.db = db;
    }

    private Map<String, byte[]> write(Map<String, String> files) throws IOException {
        Map<String, byte[]> written = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(file.getKey()), bytes);
            written.put(file.getKey(), bytes);
        }
        return written;
    }

    private Flyway flyway(String schema, Map<String, String> placeholders) {
        return Flyway.configure().dataSource(db.dataSource()).schemas(schema).placeholders(placeholders)
                .locations("filesystem:" + dir).load();
    }

    private Integer recordedChecksum(String schema, String script) {
        return db.queryForObject("select checksum from " + schema + ".flyway_schema_history where script = '"
                + script + "'", Integer.class);
    }

    @Test
    void matchesFlywayForEveryKindOfFile() throws IOException {
        String schema = db.freshSchema().name();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("V1__plain.sql", "create table plain (id int);\ninsert into plain values (1);");
        files.put("V2__trailing_newline.sql", "create table trail (id int);\ninsert into trail values (1);\n");
        files.put("V3__crlf.sql", "create table crlf (id int);\r\ninsert into crlf values (1);\r\n");
        files.put("V4__cr_only.sql", "create table cr (id int);\rinsert into cr values (1);\r");
        files.put("V5__bom.sql", BOM + "create table bom (id int);\n");
        files.put("V6__empty.sql", "");
        files.put("V7__non_ascii.sql", "create table größe (name text);\n"
                + "insert into größe values ('Ünïcödé – 日本語 🙂');\n");
        files.put("V8__blank_lines_and_comment.sql", "\n\n-- a comment\n\ncreate table blank (id int);\n\n\n");
        files.put("V9__bom_and_crlf.sql", BOM + "create table bom_crlf (id int);\r\n");
        Map<String, byte[]> written = write(files);

        flyway(schema, Map.of()).migrate();

        for (Map.Entry<String, byte[]> file : written.entrySet()) {
            assertThat(FlywayChecksum.of(file.getValue())).as(file.getKey())
                    .isEqualTo(recordedChecksum(schema, file.getKey()));
        }
        assertThat(recordedChecksum(schema, "V6__empty.sql")).isZero();
    }

    @Test
    void aRepeatableIsChecksummedWithItsPlaceholdersReplacedAVersionedOneAsWritten() throws IOException {
        String schema = db.freshSchema().name();
        String versioned = "create table ${table_prefix}items (id int);\n";
        String repeatable = "create or replace view ${table_prefix}item_ids as select id from ${table_prefix}items;\n";
        write(Map.of("V1__items.sql", versioned, "R__item_ids.sql", repeatable));

        flyway(schema, Map.of("table_prefix", "app_")).migrate();

        assertThat(recordedChecksum(schema, "V1__items.sql")).isEqualTo(FlywayChecksum.of(versioned));
        assertThat(recordedChecksum(schema, "R__item_ids.sql"))
                .isEqualTo(FlywayChecksum.of(repeatable.replace("${table_prefix}", "app_")))
                .isNotEqualTo(FlywayChecksum.of(repeatable));
    }

    @Test
    void ignoresLineEndingsAndWhereLinesBreak() {
        int plain = FlywayChecksum.of("a\nb");

        assertThat(List.of(FlywayChecksum.of("a\r\nb\r\n"), FlywayChecksum.of("a\rb"), FlywayChecksum.of("a\n\nb\n"),
                FlywayChecksum.of("ab"), FlywayChecksum.of(BOM + "a\nb"))).containsOnly(plain);
    }

    @Test
    void dropsAByteOrderMarkOnlyAtTheStartOfTheFile() {
        assertThat(FlywayChecksum.of("a\n" + BOM + "b")).isNotEqualTo(FlywayChecksum.of("a\nb"))
                .isEqualTo(FlywayChecksum.of(BOM + "a\n" + BOM + "b"));
    }

    @Test
    void anEmptyFileHasChecksumZero() {
        assertThat(FlywayChecksum.of(new byte[0])).isZero();
        assertThat(FlywayChecksum.of("")).isZero();
    }

    @Test
    void refusesBytesThatAreNotUtf8AsFlywayDoes() {
        assertThatThrownBy(() -> FlywayChecksum.of(new byte[] {'a', (byte) 0xC3, '(' }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid UTF-8");
    }
}
