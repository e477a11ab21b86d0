package io.msr;

import io.msr.test.SessionPeak;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operations over many schemas, a schema per tenant, on real PostgreSQL: each schema with its own history and lock,
 * at most {@code parallelism} at once on a bounded number of connections, one failing schema reported without
 * stopping the others already started.
 */
@WithPostgres
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MultiSchemaTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String prefix;

    MultiSchemaTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void migrations() {
        prefix = "t" + Long.toHexString(System.nanoTime() & 0xffffffL) + "_";
        folder = new MigrationFolder(dir)
                .write("V1_accounts.up.sql", "create table accounts (id bigint primary key, name text not null);")
                .write("V2_seed.up.sql", "insert into accounts values (1, '${msr:schema}');")
                .write("V3_index.up.sql", "create index accounts_name on accounts (name);");
    }

    @Test
    void fiftySchemasAtParallelismFourWithOneFailingStayWithinTheConnectionBound() throws Exception {
        List<String> schemas = names(50);
        String failing = schemas.get(13);
        folder.write("V4_fails_in_one.up.sql", "do $$ begin if current_schema() = '" + failing + "' then"
                + " raise exception 'tenant % is broken', current_schema(); end if; end $$;");
        SchemasResult<OperationResult> result;
        SessionPeak sessions = SessionPeak.start(db);
        try {
            result = across(schemas, 4, true).migrate();
        } finally {
            sessions.close();
        }

        assertThat(result.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(result.failures()).singleElement().satisfies(outcome -> {
            assertThat(outcome.schema()).isEqualTo(failing);
            assertThat(outcome.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
            assertThat(outcome.failure().message()).contains("tenant " + failing + " is broken");
            assertThat(outcome.failure().version()).isEqualTo(Version.of(4));
            assertThat(outcome.partial().succeeded()).hasSize(3);
        });
        assertThat(result.count(SchemaOutcome.Status.SUCCEEDED)).isEqualTo(49);
        assertThat(result.executedMigrations()).isEqualTo(49 * 4 + 3);
        for (String schema : schemas) {
            assertThat(db.queryForObject("select name from " + schema + ".accounts", String.class)).isEqualTo(schema);
            assertThat(db.queryForObject("select count(*) from " + schema + ".msr_schema_history where success"
                    + " and operation = 'UP'", Long.class)).isEqualTo(schema.equals(failing) ? 3L : 4L);
        }
        assertThat(db.queryForObject("select count(*) from information_schema.tables where table_schema = 'public'"
                + " and table_name = 'accounts'", Long.class)).isZero();
        // Four schemas at once, each on a work connection and a lock connection.
        assertThat(sessions.peak()).isBetween(1, 8);
        assertThat(result.toSummaryMap(SchemasResult.SUMMARY_SCHEMAS_LISTED)).containsEntry("exitCode", 3);
    }

    @Test
    void afterAFailureNoNewSchemaStartsUnlessContinueOnError() {
        List<String> schemas = names(5);
        folder.write("V4_fails_in_one.up.sql", "do $$ begin if current_schema() = '" + schemas.get(1) + "' then"
                + " raise exception 'broken'; end if; end $$;");

        SchemasResult<OperationResult> stopped = across(schemas, 1, false).migrate();

        assertThat(stopped.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(stopped.schemas()).extracting(SchemaOutcome::status).containsExactly(
                SchemaOutcome.Status.SUCCEEDED, SchemaOutcome.Status.FAILED, SchemaOutcome.Status.NOT_STARTED,
                SchemaOutcome.Status.NOT_STARTED, SchemaOutcome.Status.NOT_STARTED);
        assertThat(db.queryForObject("select count(*) from information_schema.tables where table_schema = '"
                + schemas.get(2) + "'", Long.class)).isZero();

        SchemasResult<OperationResult> all = across(schemas, 1, true).migrate();

        assertThat(all.exitCode()).isEqualTo(ExitCode.MIGRATION_FAILED);
        assertThat(all.count(SchemaOutcome.Status.SUCCEEDED)).isEqualTo(4);
        assertThat(all.failures()).extracting(SchemaOutcome::schema).containsExactly(schemas.get(1));
    }

    @Test
    void shardsTakeEverySchemaOnceStableWhateverTheOrder() {
        List<String> schemas = names(40);
        Set<String> seen = new HashSet<>();
        int taken = 0;
        for (int index = 0; index < 3; index++) {
            MultiSchemaSettings shard = new MultiSchemaSettings(schemas, 2, false, index, 3);
            List<String> mine = shard.shardOf(schemas);
            List<String> reversed = new ArrayList<>(schemas);
            java.util.Collections.reverse(reversed);
            assertThat(shard.shardOf(reversed)).containsExactlyInAnyOrderElementsOf(mine);
            seen.addAll(mine);
            taken += mine.size();
            SchemasResult<OperationResult> result = msr(shard).acrossSchemas().migrate();
            assertThat(result.schemas()).extracting(SchemaOutcome::schema).containsExactlyElementsOf(mine);
            assertThat(result.exitCode()).isEqualTo(ExitCode.SUCCESS);
        }
        assertThat(taken).isEqualTo(40);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(schemas);
        assertThat(across(schemas, 2, false).info().behind()).isEmpty();
    }

    @Test
    void aSchemaSourceListsTheTenantsAndInfoTellsWhichAreBehind() {
        List<String> schemas = names(6);
        String tenants = prefix + "tenants";
        db.execute("create table public." + tenants + " (schema_name text not null, id int not null)");
        for (int i = 0; i < schemas.size(); i++) {
            db.execute("insert into public." + tenants + " values ('" + schemas.get(i) + "', " + i + ")");
        }
        SchemaSource source = connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select schema_name from public." + tenants
                    + " order by id"); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        };
        Msr msr = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(folder.settings().multiSchema(new MultiSchemaSettings(List.of(), 3, false, 0, 1)).build())
                .schemaSource(source).build();
        msr.forSchema(schemas.get(0)).migrate();
        msr.forSchema(schemas.get(1)).migrate(Version.of(2));

        SchemasResult<InfoResult> info = msr.acrossSchemas().info();

        assertThat(info.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(info.schemas()).extracting(SchemaOutcome::schema).containsExactlyElementsOf(schemas);
        assertThat(info.behind()).extracting(SchemaOutcome::schema).containsExactlyElementsOf(schemas.subList(1, 6));
        assertThat(info.toSummaryMap(2)).containsEntry("behindNotListed", 3);

        assertThat(msr.acrossSchemas().validate().exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(msr.acrossSchemas().migrate().executedMigrations()).isEqualTo(1 + 4 * 3);
        assertThat(msr.acrossSchemas().info().behind()).isEmpty();
        folder.write("V3_index.down.sql", "drop index accounts_name;");
        SchemasResult<OperationResult> down = msr.acrossSchemas().down(Version.of(2));
        assertThat(down.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(msr.acrossSchemas().info().behind()).hasSize(6);
    }

    @Test
    void aNameThatIsNoSchemaNameFailsBeforeAnythingRuns() {
        assertThatThrownBy(() -> new MultiSchemaSettings(List.of("a", "b-c"), 1, false, 0, 1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'b-c'");
        assertThatThrownBy(() -> new MultiSchemaSettings(List.of("a", "a"), 1, false, 0, 1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new MultiSchemaSettings(List.of("a"), 1, false, 3, 3))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("msr.shard.index is 3");
        assertThatThrownBy(() -> folder.msr(db).acrossSchemas().migrate())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("msr.schemas");
    }

    private List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    private AcrossSchemas across(List<String> schemas, int parallelism, boolean continueOnError) {
        return msr(new MultiSchemaSettings(schemas, parallelism, continueOnError, 0, 1)).acrossSchemas();
    }

    private Msr msr(MultiSchemaSettings multiSchema) {
        return folder.msr(db, folder.settings().multiSchema(multiSchema).build());
    }
}
