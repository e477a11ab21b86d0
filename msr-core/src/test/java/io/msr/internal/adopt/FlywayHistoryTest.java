package io.msr.internal.adopt;

import io.msr.internal.adopt.FlywayHistory.Row;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.dialect.PostgresDialect;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/** {@link FlywayHistory} reads histories that real Flyway wrote, and says what Flyway counts as applied. */
@WithPostgres
class FlywayHistoryTest {

    private static final String VIEW = "create or replace view ${table_prefix}user_names as select name from"
            + " ${table_prefix}users;\n";

    @TempDir
    Path dir;

    private final TestDatabase db;
    private final Dialect dialect = new PostgresDialect("15");
    private String schema;

    FlywayHistoryTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
    }

    private String write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        return text;
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(db.dataSource()).schemas(schema).locations("filesystem:" + dir)
                .placeholders(Map.of("table_prefix", "app_"));
    }

    private FlywayHistory read(String table) throws SQLException {
        try (Connection connection = db.connect()) {
            return FlywayHistory.read(connection, dialect, schema, table);
        }
    }

    /** The ranks of the rows that Flyway's own info reports as applied now, for effective() to agree with. */
    private static List<Integer> appliedByFlyway(FluentConfiguration configuration) {
        Set<MigrationState> notApplied = Set.of(MigrationState.SUPERSEDED, MigrationState.DELETED,
                MigrationState.UNDONE);
        return Arrays.stream(configuration.load().info().all())
                .filter(info -> info.getInstalledRank() != null && info.getState().isApplied()
                        && !info.getState().isFailed() && !notApplied.contains(info.getState()))
                .filter(info -> !Set.of("DELETE", "SCHEMA").contains(String.valueOf(info.getType())))
                .map(MigrationInfo::getInstalledRank)
                .sorted()
                .toList();
    }

    private String insertRow(int rank, String version, String description, String type, String script,
                             Integer checksum) {
        return "insert into " + schema + ".flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) values (" + rank + ", "
                + (version == null ? "null" : "'" + version + "'") + ", '" + description + "', '" + type + "', '"
                + script + "', " + checksum + ", 'someone', 3, true)";
    }

    @Test
    void readsVersionsRepeatablesAndAFailureAsFlywayWroteThem() throws IOException, SQLException {
        String v1 = write("V1__users.sql", "create table ${table_prefix}users (id int primary key);\n");
        String v11 = write("V1.1__user_names.sql", "alter table ${table_prefix}users add column name text;\n");
        String v201 = write("V2_0_1__user_emails.sql", "alter table ${table_prefix}users add column email text;\n");
        write("R__user_names_view.sql", VIEW);
        Instant before = Instant.now().minusSeconds(5);
        flyway().load().migrate();
        String changedView = write("R__user_names_view.sql", VIEW.replace("select name", "select name, id"));
        flyway().load().migrate();
        // Flyway writes a failed row only for a migration outside a transaction, and keeps it only when its lock is
        // not transactional either: by default the failure rolls the row back with the lock's transaction.
        write("V3__broken.sql", "create table ${table_prefix}half_done (id int);\nselect * from no_such_table;\n");
        write("V3__broken.sql.conf", "executeInTransaction=false\n");
        Throwable failure = catchThrowable(() -> flyway()
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate());

        FlywayHistory history = read("flyway_schema_history");

        assertThat(failure).hasMessageContaining("no_such_table");
        assertThat(history.table()).isEqualTo("\"" + schema + "\".\"flyway_schema_history\"");
        assertThat(history.rows()).extracting(Row::installedRank, Row::version, Row::description, Row::type,
                Row::script, Row::success).containsExactly(
                tuple(1, "1", "users", "SQL", "V1__users.sql", true),
                tuple(2, "1.1", "user names", "SQL", "V1.1__user_names.sql", true),
                tuple(3, "2.0.1", "user emails", "SQL", "V2_0_1__user_emails.sql", true),
                tuple(4, null, "user names view", "SQL", "R__user_names_view.sql", true),
                tuple(5, null, "user names view", "SQL", "R__user_names_view.sql", true),
                tuple(6, "3", "broken", "SQL", "V3__broken.sql", false));
        assertThat(history.rows()).extracting(Row::checksum).containsExactly(FlywayChecksum.of(v1),
                FlywayChecksum.of(v11), FlywayChecksum.of(v201),
                FlywayChecksum.of(VIEW.replace("${table_prefix}", "app_")),
                FlywayChecksum.of(changedView.replace("${table_prefix}", "app_")),
                FlywayChecksum.of(Files.readAllBytes(dir.resolve("V3__broken.sql"))));
        assertThat(history.rows()).allSatisfy(row -> {
            assertThat(row.installedBy()).isEqualTo(db.username());
            assertThat(row.installedOn()).isBetween(before, Instant.now().plusSeconds(5));
            assertThat(row.executionTimeMs()).isBetween(0L, Duration.ofMinutes(1).toMillis());
        });
        assertThat(history.rows()).extracting(Row::isVersioned, Row::isRepeatable).containsExactly(
                tuple(true, false), tuple(true, false), tuple(true, false), tuple(false, true), tuple(false, true),
                tuple(true, false));
        assertThat(history.rows()).noneMatch(row -> row.isBaseline() || row.isUndo() || row.isSchemaMarker()
                || row.isDeleted());
        assertThat(history.failedRows()).extracting(Row::version).containsExactly("3");
        assertThat(history.effective()).extracting(Row::installedRank).containsExactly(1, 2, 3, 5)
                .isEqualTo(appliedByFlyway(flyway()));
    }

    @Test
    void readsABaselineInATableOfAnotherName() throws IOException, SQLException {
        db.execute("create table " + schema + ".legacy (id int)");
        write("V1__below_the_baseline.sql", "create table legacy (id int);\n");
        write("V3__after_the_baseline.sql", "alter table legacy add column name text;\n");
        flyway().table("app_history").baselineOnMigrate(true).baselineVersion("2").load().migrate();

        FlywayHistory history = read("app_history");

        assertThat(read("flyway_schema_history")).isNull();
        assertThat(history.rows()).extracting(Row::installedRank, Row::version, Row::type, Row::checksum,
                Row::isBaseline, Row::isVersioned).containsExactly(
                tuple(1, "2", "BASELINE", null, true, true),
                tuple(2, "3", "SQL", FlywayChecksum.of("alter table legacy add column name text;\n"), false, true));
        assertThat(history.rows().get(0).description()).isEqualTo("<< Flyway Baseline >>");
        assertThat(history.effective()).isEqualTo(history.rows());
        assertThat(history.effective()).extracting(Row::installedRank)
                .isEqualTo(appliedByFlyway(flyway().table("app_history")));
        assertThat(history.failedRows()).isEmpty();
    }

    @Test
    void readsTheMarkerOfASchemaFlywayCreated() throws IOException, SQLException {
        String created = schema + "_by_flyway";
        write("V1__users.sql", "create table users (id int);\n");
        Flyway.configure().dataSource(db.dataSource()).schemas(created).locations("filesystem:" + dir).load()
                .migrate();
        try (Connection connection = db.connect()) {
            FlywayHistory history = FlywayHistory.read(connection, dialect, created, "flyway_schema_history");

            assertThat(history.rows()).extracting(Row::installedRank, Row::version, Row::type, Row::isSchemaMarker,
                    Row::isRepeatable, Row::isVersioned).containsExactly(
                    tuple(0, null, "SCHEMA", true, false, false),
                    tuple(1, "1", "SQL", false, false, true));
            assertThat(history.rows().get(0).script()).isEqualTo("\"" + created + "\"");
            assertThat(history.effective()).extracting(Row::version).containsExactly("1");
        } finally {
            db.execute("drop schema \"" + created + "\" cascade");
        }
    }

    @Test
    void aMissingMigrationThatRepairMarkedDeletedIsNoLongerApplied() throws IOException, SQLException {
        write("V1__users.sql", "create table users (id int);\n");
        write("V2__notes.sql", "create table notes (id int);\n");
        write("V3__tags.sql", "create table tags (id int);\n");
        write("R__users_view.sql", "create or replace view users_view as select id from users;\n");
        flyway().load().migrate();
        Files.delete(dir.resolve("V2__notes.sql"));
        Files.delete(dir.resolve("R__users_view.sql"));
        flyway().load().repair();

        FlywayHistory history = read("flyway_schema_history");

        assertThat(history.rows()).extracting(Row::installedRank, Row::version, Row::description, Row::type,
                Row::isDeleted).containsExactly(
                tuple(1, "1", "users", "SQL", false),
                tuple(2, "2", "notes", "SQL", false),
                tuple(3, "3", "tags", "SQL", false),
                tuple(4, null, "users view", "SQL", false),
                tuple(5, "2", "notes", "DELETE", true),
                tuple(6, null, "users view", "DELETE", true));
        assertThat(history.rows().get(5).isRepeatable()).isFalse();
        assertThat(history.effective()).extracting(Row::version).containsExactly("1", "3");
        assertThat(history.effective()).extracting(Row::installedRank).isEqualTo(appliedByFlyway(flyway()));
        assertThat(history.failedRows()).isEmpty();
    }

    @Test
    void anUndoneVersionIsNotAppliedUntilItIsAppliedAgain() throws IOException, SQLException {
        write("V1__users.sql", "create table users (id int);\n");
        write("V2__notes.sql", "create table notes (id int);\n");
        flyway().load().migrate();
        // Undo needs Flyway Teams: the row is written here as its undo command writes it. (Community Flyway, the one
        // on this classpath, fails on such a history: it knows no type UNDO_SQL.)
        db.execute(insertRow(3, "2", "notes", "UNDO_SQL", "U2__notes.sql", 12345));

        FlywayHistory undone = read("flyway_schema_history");
        db.execute(insertRow(4, "2", "notes", "SQL", "V2__notes.sql",
                FlywayChecksum.of("create table notes (id int);\n")));
        FlywayHistory reapplied = read("flyway_schema_history");

        assertThat(undone.rows().get(2).isUndo()).isTrue();
        assertThat(undone.rows().get(2).isVersioned()).isFalse();
        assertThat(undone.effective()).extracting(Row::installedRank).containsExactly(1);
        assertThat(reapplied.effective()).extracting(Row::installedRank).containsExactly(1, 4);
    }

    @Test
    void aSuccessfulDeleteRowTakesTheLatestRowOfItsVersionButNeverABaselineMarker() {
        FlywayHistory history = new FlywayHistory("h", List.of(
                row(1, "1", "BASELINE", true), row(2, "2", "SQL", false), row(3, "2", "SQL", true),
                row(4, "1", "DELETE", true), row(5, "2", "DELETE", true), row(6, "3", "SQL", true),
                row(7, "3", "DELETE", false)));

        assertThat(history.effective()).extracting(Row::installedRank).containsExactly(1, 6);
        assertThat(history.failedRows()).extracting(Row::installedRank).containsExactly(2);
    }

    private static Row row(int rank, String version, String type, boolean success) {
        return new Row(rank, version, "d", type, "s", null, "u", Instant.EPOCH, 0, success);
    }

    @Test
    void isNullWithoutTheTable() throws SQLException {
        assertThat(read("flyway_schema_history")).isNull();
    }
}
