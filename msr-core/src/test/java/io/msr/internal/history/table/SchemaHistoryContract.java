package io.msr.internal.history.table;

import io.msr.Version;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.MigrationType;
import io.msr.internal.dialect.Dialect;
import io.msr.test.TestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The contract {@link SchemaHistory} keeps on every database, as its Javadoc states it: the history table a
 * {@link Dialect} creates holds what the writer appends and reads it back in order, inside the caller's transaction.
 * A dialect proves it by extending this class.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SchemaHistoryContract {

    /** The dialect under test. */
    protected abstract Dialect dialect();

    /** Returns a new, empty schema whose name starts with {@code prefix} (which may need quoting). */
    protected abstract TestSchema freshSchema(String prefix);

    private static Connection connect(TestSchema schema) throws SQLException {
        return schema.dataSource().getConnection();
    }

    private static void up(HistoryWriter writer, long version) throws SQLException {
        writer.append(Version.of(version), "m" + version, MigrationType.SQL, "V" + version + "_m" + version + ".up.sql",
                "c" + version, HistoryOperation.UP, true, version);
    }

    @Test
    public void readsNothingBeforeTheTableExists() throws SQLException {
        TestSchema schema = freshSchema("s");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "msr_schema_history");
        try (Connection connection = connect(schema)) {
            assertThat(history.exists(connection)).isFalse();
            assertThat(history.readAll(connection)).isEmpty();
        }
    }

    @Test
    public void createsTheTableOnceAndCreatingItAgainKeepsItsRows() throws SQLException {
        TestSchema schema = freshSchema("s");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "msr_schema_history");
        try (Connection connection = connect(schema); HistoryWriter writer = history.writer(connection)) {
            history.createIfAbsent(connection);
            assertThat(history.exists(connection)).isTrue();
            up(writer, 1);
            history.createIfAbsent(connection);
            assertThat(history.readAll(connection)).extracting(HistoryEntry::version).containsExactly(Version.of(1L));
        }
    }

    @Test
    public void aCreationRolledBackLeavesNoTable() throws SQLException {
        TestSchema schema = freshSchema("s");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "msr_schema_history");
        try (Connection connection = connect(schema)) {
            connection.setAutoCommit(false);
            history.createIfAbsent(connection);
            assertThat(history.exists(connection)).isTrue();
            connection.rollback();
            assertThat(history.exists(connection)).isFalse();
            connection.rollback();
        }
    }

    @Test
    public void readsBackEveryFieldOfTheRowsInTheOrderWritten() throws SQLException {
        TestSchema schema = freshSchema("s");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "msr_schema_history");
        try (Connection connection = connect(schema); HistoryWriter writer = history.writer(connection)) {
            history.createIfAbsent(connection);
            writer.append(Version.of(2), "add users", MigrationType.SQL, "db/V2_add_users.up.sql", "abc", HistoryOperation.UP,
                    true, 42);
            writer.append(Version.of(1), "seed", MigrationType.JAVA, "io.app.V1_Seed", null, HistoryOperation.STARTED, false, 0);
            writer.append(Version.of(2), "add users", MigrationType.SQL, "db/V2_add_users.down.sql", null,
                    HistoryOperation.DOWN, false, 7);
            writer.append(Version.of(2), "add users", MigrationType.SQL, "db/V2_add_users.up.sql", null,
                    HistoryOperation.REPAIR, true, 0);
            List<HistoryEntry> rows = history.readAll(connection);
            assertThat(rows).extracting(HistoryEntry::version, HistoryEntry::description, HistoryEntry::type,
                            HistoryEntry::script, HistoryEntry::checksum, HistoryEntry::operation,
                            HistoryEntry::success, HistoryEntry::executionTimeMs)
                    .containsExactly(
                            tuple(Version.of(2), "add users", MigrationType.SQL,
                                    "db/V2_add_users.up.sql", "abc", HistoryOperation.UP, true, 42L),
                            tuple(Version.of(1), "seed", MigrationType.JAVA, "io.app.V1_Seed",
                                    null, HistoryOperation.STARTED, false, 0L),
                            tuple(Version.of(2), "add users", MigrationType.SQL,
                                    "db/V2_add_users.down.sql", null, HistoryOperation.DOWN, false, 7L),
                            tuple(Version.of(2), "add users", MigrationType.SQL,
                                    "db/V2_add_users.up.sql", null, HistoryOperation.REPAIR, true, 0L));
            assertThat(rows).extracting(HistoryEntry::id).isSorted().doesNotHaveDuplicates();
            assertThat(rows).extracting(HistoryEntry::installedOn).doesNotContainNull().isSorted();
            assertThat(rows).extracting(HistoryEntry::installedBy).containsOnly(currentUser(connection));
        }
    }

    @Test
    public void aWriterMadeBeforeTheTableExistsWritesOnceItDoes() throws SQLException {
        TestSchema schema = freshSchema("s");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "msr_schema_history");
        try (Connection connection = connect(schema); HistoryWriter writer = history.writer(connection)) {
            history.createIfAbsent(connection);
            up(writer, 1);
            assertThat(history.readAll(connection)).hasSize(1);
        }
    }

    @Test
    public void rowsCommitOrRollBackWithTheCallersTransaction() throws SQLException {
        TestSchema schema = freshSchema("s");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "msr_schema_history");
        try (Connection connection = connect(schema); Connection other = connect(schema);
             HistoryWriter writer = history.writer(connection)) {
            history.createIfAbsent(connection);
            connection.setAutoCommit(false);
            up(writer, 1);
            assertThat(history.readAll(connection)).as("the transaction sees its own row").hasSize(1);
            assertThat(history.readAll(other)).as("no one else does yet").isEmpty();
            connection.rollback();
            assertThat(history.readAll(connection)).isEmpty();
            up(writer, 2);
            connection.commit();
            connection.setAutoCommit(true);
            up(writer, 3);
            assertThat(history.readAll(other)).extracting(HistoryEntry::version).containsExactly(Version.of(2L), Version.of(3L));
        }
    }

    @Test
    public void keepsWritingWhenTheTableIsCreatedAgainAfterARollbackRemovedIt() throws SQLException {
        TestSchema schema = freshSchema("s");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "msr_schema_history");
        try (Connection connection = connect(schema); HistoryWriter writer = history.writer(connection)) {
            connection.setAutoCommit(false);
            for (int attempt = 1; attempt <= 3; attempt++) {
                history.createIfAbsent(connection);
                for (long version = 1; version <= 6; version++) {
                    up(writer, version);
                }
                connection.rollback();
            }
            history.createIfAbsent(connection);
            up(writer, 7);
            connection.commit();
            assertThat(history.readAll(connection)).extracting(HistoryEntry::version).containsExactly(Version.of(7L));
        }
    }

    @Test
    public void cutsLongDescriptionsAndScriptPathsShort() throws SQLException {
        TestSchema schema = freshSchema("s");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "msr_schema_history");
        try (Connection connection = connect(schema); HistoryWriter writer = history.writer(connection)) {
            history.createIfAbsent(connection);
            writer.append(Version.of(1), "d".repeat(300), MigrationType.SQL, "s/".repeat(700), null, HistoryOperation.UP, true,
                    0);
            HistoryEntry row = history.readAll(connection).get(0);
            assertThat(row.description()).isEqualTo("d".repeat(200));
            assertThat(row.script()).hasSize(1000);
        }
    }

    @Test
    public void worksInASchemaAndTableWhoseNamesNeedQuoting() throws SQLException {
        TestSchema schema = freshSchema("Mixed \"Case\" ");
        SchemaHistory history = new SchemaHistory(dialect(), schema.name(), "History Of.Migrations");
        try (Connection connection = connect(schema); HistoryWriter writer = history.writer(connection)) {
            assertThat(history.exists(connection)).isFalse();
            history.createIfAbsent(connection);
            up(writer, 1);
            assertThat(history.readAll(connection)).hasSize(1);
            assertThat(new SchemaHistory(dialect(), schema.name(), "history of.migrations").exists(connection))
                    .isFalse();
        }
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select current_user")) {
            result.next();
            return result.getString(1);
        }
    }
}
