package io.msr;

import io.msr.ExecutedMigration.Outcome;
import io.msr.test.PgClientTools;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@WithPostgres
class DryRunTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    DryRunTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        db.execute("create table " + schema + ".existing (id int primary key)");
        db.execute("insert into " + schema + ".existing values (1), (2)");
        folder = new MigrationFolder(dir);
        folder.write("V1_orders.up.sql", "create table " + schema + ".orders (id int primary key, existing_id int);")
                .write("V2_orders_fk.up.sql", "alter table " + schema + ".orders add constraint orders_existing_fk"
                        + " foreign key (existing_id) references " + schema + ".existing (id);\n"
                        + "insert into " + schema + ".orders values (1, 1);")
                .write("V3_index.up.sql", "-- msr:transaction=false\ncreate index concurrently existing_idx on "
                        + schema + ".existing (id);");
        // The table existed before MSR: its history starts with a baseline, as the first migrate demands.
        msr(folder.settings()).baseline(Version.of(0));
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.schema(schema).build());
    }

    /**
     * The schema as {@code pg_dump --schema-only} prints it, byte for byte, when a pg_dump for the server is
     * installed, and in any case the tables, columns, constraints and indexes of the schema as the catalog shows
     * them.
     */
    private List<String> catalog() {
        List<String> state = new java.util.ArrayList<>(tables());
        PgClientTools.findFor(db).ifPresent(tools -> state.add(tools.schemaOnlyDump(db)));
        return state;
    }

    private List<String> tables() {
        return db.queryForStrings("select c.relkind::text || ' ' || c.relname || coalesce(' ' || a.attname || ' '"
                + " || format_type(a.atttypid, a.atttypmod), '') from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0"
                + " where n.nspname = '" + schema + "' union all select 'constraint ' || conname from pg_constraint"
                + " where connamespace = '" + schema + "'::regnamespace order by 1");
    }

    @ParameterizedTest
    @EnumSource(TransactionMode.class)
    void rehearsesEveryPendingMigrationAndChangesNothing(TransactionMode mode) {
        boolean batch = mode == TransactionMode.PER_BATCH;
        if (batch) {
            // A per-batch run refuses a migration that must run outside a transaction; so does its dry run.
            folder.delete("V3_index.up.sql");
        }
        List<String> before = catalog();
        OperationResult result = msr(folder.settings().transactionMode(mode).dryRun(true)).migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.executed()).extracting(ExecutedMigration::outcome).containsExactlyElementsOf(batch
                ? List.of(Outcome.DRY_RUN, Outcome.DRY_RUN) : List.of(Outcome.DRY_RUN, Outcome.DRY_RUN, Outcome.SKIPPED));
        if (!batch) {
            assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("V3").contains("not executed"));
        }
        assertThat(result.schemaVersionAfter()).isEqualTo(Version.of(0));
        assertThat(catalog()).isEqualTo(before);
        assertThat(db.queryForStrings("select operation from " + schema + ".msr_schema_history"))
                .containsExactly("BASELINE");

        assertThat(msr(folder.settings().transactionMode(mode)).migrate().succeeded()).hasSize(batch ? 2 : 3);
    }

    @Test
    void neverRunsADownNorTakesABackupWhateverTheRollbackStrategy() {
        folder.write("V4_bad.up.sql", "select * from nowhere;").write("V1_orders.down.sql", "drop table " + schema
                + ".existing;");
        List<String> before = catalog();
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings().dryRun(true).rollbackStrategy(RollbackStrategy.BOTH)
                        .backup(BackupSettings.defaults().withTools("no-pg-dump", "no-pg-restore"))).migrate());
        assertThat(error.getMessage()).startsWith("Dry run: Migration V4");
        assertThat(error.result().orElseThrow().executed()).extracting(ExecutedMigration::direction)
                .containsOnly(Direction.UP);
        assertThat(catalog()).isEqualTo(before);
    }

    @Test
    void reportsTheFailureTheRealRunWouldHitWithoutCommittingAnything() {
        folder.write("V4_bad.up.sql", "insert into " + schema + ".orders values (2, 99);");
        List<String> before = catalog();
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> msr(folder.settings().dryRun(true)).migrate());
        assertThat(error.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(error.getMessage()).startsWith("Dry run: Migration V4").contains("23503")
                .contains("Nothing was committed");
        assertThat(catalog()).isEqualTo(before);
    }
}
