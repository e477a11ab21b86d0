package io.msr.internal.adopt;

import io.msr.internal.adopt.LiquibaseHistory.Row;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.dialect.PostgresDialect;
import io.msr.test.RealLiquibase;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@link LiquibaseHistory} reads the changelog and lock tables that real Liquibase wrote. */
@WithPostgres
class LiquibaseHistoryTest {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    private static final String VIEW = """
              - changeSet:
                  id: 4
                  author: carol
                  runOnChange: true
                  changes:
                    - createView:
                        viewName: user_names
                        replaceIfExists: true
                        selectQuery: %s
            """;

    @TempDir
    Path dir;

    private final TestDatabase db;
    private final Dialect dialect = new PostgresDialect("15");
    private String schema;

    LiquibaseHistoryTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
    }

    private void writeChangelog(String viewQuery) throws Exception {
        Path file = dir.resolve(CHANGELOG);
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: alice
                      changes:
                        - createTable:
                            tableName: users
                            columns:
                              - column:
                                  name: id
                                  type: int
                  - changeSet:
                      id: 2
                      author: bob
                      changes:
                        - addColumn:
                            tableName: users
                            columns:
                              - column:
                                  name: name
                                  type: text
                        - tagDatabase:
                            tag: v2
                  - changeSet:
                      id: 3
                      author: alice
                      preConditions:
                        - onFail: MARK_RAN
                        - not:
                            - tableExists:
                                tableName: users
                      changes:
                        - createTable:
                            tableName: users
                            columns:
                              - column:
                                  name: id
                                  type: int
                """ + VIEW.formatted(viewQuery));
    }

    private void update() throws Exception {
        RealLiquibase.update(db, schema, dir, CHANGELOG);
    }

    private LiquibaseHistory read() throws SQLException {
        try (Connection connection = db.connect()) {
            return LiquibaseHistory.read(connection, dialect, schema, LiquibaseHistory.DEFAULT_TABLE,
                    LiquibaseHistory.DEFAULT_LOCK_TABLE);
        }
    }

    @Test
    void readsTheChangesetsLiquibaseRan() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        writeChangelog("select name from users");
        update();
        writeChangelog("select name, id from users");
        update();

        LiquibaseHistory history = read();

        assertThat(history.table()).isEqualTo("\"" + schema + "\".\"databasechangelog\"");
        assertThat(history.rows()).extracting(Row::displayName, Row::orderExecuted, Row::execType, Row::tag)
                .containsExactly(
                        tuple(CHANGELOG + "::1::alice", 1, "EXECUTED", null),
                        tuple(CHANGELOG + "::2::bob", 2, "EXECUTED", "v2"),
                        tuple(CHANGELOG + "::3::alice", 3, "MARK_RAN", null),
                        tuple(CHANGELOG + "::4::carol", 5, "RERAN", null));
        assertThat(history.rows()).allSatisfy(row -> {
            assertThat(row.filename()).isEqualTo(CHANGELOG);
            assertThat(row.md5sum()).startsWith("9:");
            assertThat(row.dateExecuted()).isBetween(before, Instant.now().plusSeconds(5));
            assertThat(row.ran()).isTrue();
        });
        assertThat(history.rows().get(0).description()).isEqualTo("createTable tableName=users");
        assertThat(history.last().id()).isEqualTo("4");
        assertThat(history.notExecuted()).isEmpty();
        assertThat(history.locked()).isFalse();
        assertThat(history.lockedBy()).isNull();
        assertThat(history.lockGranted()).isNull();
    }

    @Test
    void readsTheLockLiquibaseHolds() throws Exception {
        writeChangelog("select name from users");
        update();
        db.execute("update " + schema + ".databasechangeloglock set locked = true, lockedby = 'host (10.0.0.1)',"
                + " lockgranted = now()");

        LiquibaseHistory history = read();

        assertThat(history.locked()).isTrue();
        assertThat(history.lockedBy()).isEqualTo("host (10.0.0.1)");
        assertThat(history.lockGranted()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
    }

    @Test
    void aChangesetThatDidNotRunIsNotExecutedAndNotTheLast() throws Exception {
        writeChangelog("select name from users");
        update();
        db.execute("update " + schema + ".databasechangelog set exectype = 'FAILED' where id = '4'");

        LiquibaseHistory history = read();

        assertThat(history.notExecuted()).extracting(Row::displayName).containsExactly(CHANGELOG + "::4::carol");
        assertThat(history.last().displayName()).isEqualTo(CHANGELOG + "::3::alice");
    }

    @Test
    void withoutTheLockTableItIsNotLocked() throws Exception {
        writeChangelog("select name from users");
        update();
        db.execute("drop table " + schema + ".databasechangeloglock");

        LiquibaseHistory history = read();

        assertThat(history.rows()).hasSize(4);
        assertThat(history.locked()).isFalse();
    }

    @Test
    void isNullWithoutTheChangelogTable() throws SQLException {
        assertThat(read()).isNull();
    }
}
