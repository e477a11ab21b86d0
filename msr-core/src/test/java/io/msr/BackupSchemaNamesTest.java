package io.msr;

import io.msr.test.PgClientTools;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups and restores of schemas named as PostgreSQL allows only when quoted (mixed case, a space, a double
 * quote): each is backed up and restored by its exact name, and a schema whose name differs only in case is left
 * alone.
 */
class BackupSchemaNamesTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private PgClientTools tools;
    private MigrationFolder folder;
    private Path backups;

    @BeforeEach
    void aMixedCaseSchemaBesideItsLowerCaseNamesake() {
        db = PostgresServer.shared().createDatabase();
        tools = PgClientTools.requireFor(db);
        backups = dir.resolve("backups");
        folder = new MigrationFolder(dir.resolve("migrations"));
        folder.write("V1_history_only.up.sql", "select 1;");
        db.execute("create schema \"TenantA\"; create table \"TenantA\".\"Orders\" (id int primary key,"
                + " \"Item Name\" text); insert into \"TenantA\".\"Orders\" values (1, 'tea');"
                + " create schema tenanta; create table tenanta.orders (id int); insert into tenanta.orders values (1)");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private Msr msr(List<String> schemas, boolean force) {
        return folder.msr(db, folder.settings().force(force).backup(BackupSettings.defaults().withFolder(backups)
                .withTools(tools.pgDump().toString(), tools.pgRestore().toString()).withSchemas(schemas)).build());
    }

    private Path backUp(List<String> schemas) throws IOException {
        msr(schemas, false).backup();
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(file -> file.toString().endsWith(".dump")).toList().get(0);
        }
    }

    @Test
    void aMixedCaseSchemaIsBackedUpAndRestoredByItsExactNameLeavingItsLowerCaseNamesakeAlone() throws IOException {
        Path file = backUp(List.of("TenantA"));
        db.execute("insert into \"TenantA\".\"Orders\" values (2, 'coffee'); create table \"TenantA\".\"Later On\""
                + " (id int); insert into tenanta.orders values (2)");

        OperationResult restore = msr(List.of("TenantA"), true).restore(file);

        assertThat(db.queryForStrings("select id || ' ' || \"Item Name\" from \"TenantA\".\"Orders\" order by id"))
                .containsExactly("1 tea");
        assertThat(restore.notes()).singleElement().asString().contains("TABLE \"TenantA\".\"Later On\"");
        assertThat(db.queryForStrings("select relname from pg_class where relnamespace = '\"TenantA\"'::regnamespace"
                + " and relkind = 'r'")).containsExactly("Orders");
        assertThat(db.queryForStrings("select id::text from tenanta.orders order by id")).containsExactly("1", "2");
    }

    @Test
    void schemasNamedWithASpaceOrADoubleQuoteRoundTripToo() throws IOException {
        db.execute("create schema \"Tenant B\"; create table \"Tenant B\".\"Line Items\" (id int);"
                + " insert into \"Tenant B\".\"Line Items\" values (1); create schema \"we\"\"ird.*\";"
                + " create table \"we\"\"ird.*\".t (id int); insert into \"we\"\"ird.*\".t values (1)");
        List<String> schemas = List.of("Tenant B", "we\"ird.*");
        Path file = backUp(schemas);
        db.execute("delete from \"Tenant B\".\"Line Items\"; insert into \"we\"\"ird.*\".t values (2);"
                + " create view \"we\"\"ird.*\".\"A View\" as select 1 as one; delete from \"TenantA\".\"Orders\"");

        OperationResult restore = msr(schemas, true).restore(file);

        assertThat(db.queryForStrings("select id::text from \"Tenant B\".\"Line Items\"")).containsExactly("1");
        assertThat(db.queryForStrings("select id::text from \"we\"\"ird.*\".t")).containsExactly("1");
        assertThat(restore.notes()).singleElement().asString().contains("VIEW \"we\"\"ird.*\".\"A View\"");
        assertThat(db.queryForStrings("select count(*)::text from \"TenantA\".\"Orders\"")).containsExactly("0");
    }
}
