package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema names PostgreSQL accepts that are not lower-case letters and digits: with {@code $} ({@code app$1}) and
 * mixed case ({@code App$Tenant}), as {@code msr.schema} and in a many-schemas list. The history table, the lock,
 * the search_path and {@code ${msr:schema}} (the exact name, to be double-quoted in SQL when it is not lower-case)
 * all work; a name a many-schemas list cannot take is refused up front, saying which characters it may hold.
 */
@WithPostgres
class SchemaNamesTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String prefix;

    SchemaNamesTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void migrations() {
        prefix = "s" + Long.toHexString(System.nanoTime() & 0xffffffL);
        folder = new MigrationFolder(dir)
                .write("V1_accounts.up.sql", "create table \"${msr:schema}\".accounts (id bigint primary key,"
                        + " name text not null);")
                .write("V1_accounts.down.sql", "drop table \"${msr:schema}\".accounts;")
                .write("V2_seed.up.sql", "insert into \"${msr:schema}\".accounts values (1, '${msr:schema}');")
                .write("V2_seed.down.sql", "delete from \"${msr:schema}\".accounts;");
    }

    private Msr msr(MsrSettings settings) {
        return folder.msr(db, settings);
    }

    private void migratesInto(String schema) {
        Msr msr = msr(folder.settings().schema(schema).build());

        assertThat(msr.migrate().succeeded()).hasSize(2);

        String literal = "'" + schema.replace("'", "''") + "'";
        assertThat(db.queryForObject("select name from " + quoted(schema) + ".accounts", String.class))
                .isEqualTo(schema);
        assertThat(db.queryForObject("select count(*) from " + quoted(schema) + ".msr_schema_history where success",
                Long.class)).isEqualTo(2L);
        assertThat(db.queryForObject("select count(*) from information_schema.tables where table_name = 'accounts'"
                + " and table_schema = " + literal, Long.class)).isEqualTo(1L);
        assertThat(msr.info().schemaVersion()).isEqualTo(Version.of(2L));
        assertThat(msr.lockStatus().key()).contains(schema);
        msr.validate();
        msr.down(1L);
        assertThat(db.queryForObject("select count(*) from " + quoted(schema) + ".accounts", Long.class)).isZero();
    }

    private static String quoted(String schema) {
        return "\"" + schema.replace("\"", "\"\"") + "\"";
    }

    @Test
    void aSchemaWithADollarWorksEverywhere() {
        migratesInto(prefix + "_app$1");
    }

    @Test
    void aMixedCaseSchemaWithADollarWorksEverywhere() {
        migratesInto(prefix + "_App$Tenant");
    }

    @Test
    void aManySchemasListTakesDollarsAndMixedCase() {
        List<String> schemas = List.of(prefix + "_app$1", prefix + "_App$2", prefix + "_t$");
        MultiSchemaSettings many = new MultiSchemaSettings(schemas, 2, false, 0, 1);

        SchemasResult<OperationResult> result = msr(folder.settings().multiSchema(many).build()).acrossSchemas()
                .migrate();

        assertThat(result.exitCode()).isEqualTo(ExitCode.SUCCESS);
        for (String schema : schemas) {
            assertThat(db.queryForObject("select name from " + quoted(schema) + ".accounts", String.class))
                    .isEqualTo(schema);
        }
    }

    @Test
    void aManySchemasListRefusesANameItCannotTakeSayingWhatItMayHold() {
        assertThatThrownBy(() -> MultiSchemaSettings.checkedNames(List.of("ok$1", "1abc"), "msr.schemas"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("msr.schemas names the schema '1abc'").hasMessageContaining("$");
        assertThatThrownBy(() -> MultiSchemaSettings.checkedNames(List.of("my-tenant"), "msr.schemas"))
                .hasMessageContaining("'my-tenant'").hasMessageContaining("$");
    }
}
