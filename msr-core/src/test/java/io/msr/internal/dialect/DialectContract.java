package io.msr.internal.dialect;

import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.test.TestSchema;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The contract every {@link Dialect} must pass, on a real database: what the engine relies on, method by method, as
 * {@link Dialect}'s Javadoc states it. A dialect proves itself by extending this class and supplying itself, fresh
 * schemas and a few probes that only the database's own SQL can express.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DialectContract {

    /** The dialect under test. */
    protected abstract Dialect dialect();

    /** Returns a new, empty schema whose name starts with {@code prefix} (which may need quoting). */
    protected abstract TestSchema freshSchema(String prefix);

    /** Returns the lock timeout in force on the connection now; zero when there is none. */
    protected abstract Duration lockTimeout(Connection connection) throws SQLException;

    /** Returns the statement timeout in force on the connection now; zero when there is none. */
    protected abstract Duration statementTimeout(Connection connection) throws SQLException;

    /** Returns the application name of the connection's session. */
    protected abstract String applicationName(Connection connection) throws SQLException;

    /**
     * Leaves an invalid index named {@code index} on {@code schema.table} (which holds duplicate values in
     * {@code id}) the way a failed concurrent unique index build does; {@code connection} is in autocommit.
     */
    protected abstract void leaveInvalidIndex(Connection connection, String schema, String table, String index)
            throws SQLException;

    /**
     * Ends the connection's session from another session, as an operator or a failover would, and waits until it is
     * gone.
     */
    protected abstract void terminate(Connection victim) throws SQLException;

    private static Connection connect(TestSchema schema) throws SQLException {
        return schema.dataSource().getConnection();
    }

    private String history(TestSchema schema, String table) {
        return dialect().qualify(schema.name(), table);
    }

    private void createHistoryTable(Connection connection, String schema, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : dialect().createHistoryTable(dialect().qualify(schema, table), table, false)) {
                statement.execute(ddl);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    public void restoresASavedSessionAfterARunChangedIt() throws SQLException {
        TestSchema schema = freshSchema("session");
        try (Connection connection = connect(schema)) {
            dialect().setApplicationName(connection, "app pool");
            dialect().applyTimeouts(connection, Duration.ofSeconds(7), Duration.ofSeconds(9), false);
            int isolation = connection.getTransactionIsolation();
            SessionState saved = dialect().saveSession(connection);

            dialect().setApplicationName(connection, "msr migrate");
            dialect().applyTimeouts(connection, Duration.ofSeconds(1), Duration.ofSeconds(2), false);
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            connection.setAutoCommit(false);
            execute(connection, "select 1");
            saved.restore(connection);

            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.getTransactionIsolation()).isEqualTo(isolation);
            assertThat(applicationName(connection)).isEqualTo("app pool");
            assertThat(lockTimeout(connection)).isEqualTo(Duration.ofSeconds(7));
            assertThat(statementTimeout(connection)).isEqualTo(Duration.ofSeconds(9));
        }
    }

    @Test
    public void namesTheDatabaseProductForLogs() {
        assertThat(dialect().name()).isNotBlank();
    }

    @Test
    public void findsTheCurrentSchemaAndDatabaseAsTheCatalogStoresThem() throws SQLException {
        TestSchema schema = freshSchema("Mixed Case ");
        try (Connection connection = connect(schema)) {
            assertThat(dialect().currentSchema(connection)).isEqualTo(schema.name());
            assertThat(dialect().currentDatabase(connection)).isEqualTo(schema.database().name());
        }
    }

    @Test
    public void refusesAConnectionWhoseCurrentSchemaIsGoneWithSqlState3F000() throws SQLException {
        TestSchema schema = freshSchema("gone");
        try (Connection connection = connect(schema)) {
            schema.close();
            SQLException error = thrown(SQLException.class, () -> dialect().currentSchema(connection));
            assertThat(error.getSQLState()).isEqualTo("3F000");
        }
    }

    @Test
    public void tableExistsIsFalseBeforeTheHistoryTableDdlAndTrueAfter() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema)) {
            assertThat(dialect().tableExists(connection, schema.name(), "msr_schema_history")).isFalse();
            createHistoryTable(connection, schema.name(), "msr_schema_history");
            assertThat(dialect().tableExists(connection, schema.name(), "msr_schema_history")).isTrue();
            assertThat(dialect().tableExists(connection, schema.name(), "MSR_SCHEMA_HISTORY")).isFalse();
            assertThat(dialect().tableExists(connection, schema.name(), "other_history")).isFalse();
        }
    }

    @Test
    public void userTablesListsTheSchemasTablesAndViewsSortedAndNothingElse() throws SQLException {
        TestSchema schema = freshSchema("s");
        TestSchema other = freshSchema("o");
        try (Connection connection = connect(schema); Statement statement = connection.createStatement()) {
            assertThat(dialect().userTables(connection, schema.name())).isEmpty();
            statement.execute("create table " + schema.quoted() + ".users" + " (id int primary key)");
            statement.execute("create view " + schema.quoted() + ".active_users" + " as select id from "
                    + schema.quoted() + ".users");
            statement.execute("create sequence " + schema.quoted() + ".counter");
            statement.execute("create index users_id_idx on " + schema.quoted() + ".users" + " (id)");
            statement.execute("create table " + other.quoted() + ".elsewhere" + " (id int)");
            assertThat(dialect().userTables(connection, schema.name())).containsExactly("active_users", "users");
            assertThat(dialect().userTables(connection, "no_such_schema")).isEmpty();
        } finally {
            other.close();
        }
    }

    @Test
    public void historyTableDdlRunAgainChangesNothing() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema)) {
            createHistoryTable(connection, schema.name(), "msr_schema_history");
            execute(connection, "insert into " + history(schema, "msr_schema_history") + " (version, description,"
                    + " type, script, operation, success, execution_time_ms) values (1, 'a', 'SQL', 'V1_a.up.sql',"
                    + " 'UP', true, 0)");
            createHistoryTable(connection, schema.name(), "msr_schema_history");
            assertThat(count(connection, "select count(*) from " + history(schema, "msr_schema_history")))
                    .isEqualTo(1);
        }
    }

    @Test
    public void historyTableDdlRolledBackLeavesNoTableAndCanRunAgain() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema)) {
            connection.setAutoCommit(false);
            createHistoryTable(connection, schema.name(), "msr_schema_history");
            assertThat(dialect().tableExists(connection, schema.name(), "msr_schema_history"))
                    .as("the transaction sees its own DDL").isTrue();
            connection.rollback();
            assertThat(dialect().tableExists(connection, schema.name(), "msr_schema_history")).isFalse();
            createHistoryTable(connection, schema.name(), "msr_schema_history");
            connection.commit();
            assertThat(dialect().tableExists(connection, schema.name(), "msr_schema_history")).isTrue();
        }
    }

    @Test
    public void qualifiedNamesThatNeedQuotingDenoteTheTableThatTableExistsFinds() throws SQLException {
        for (String prefix : List.of("s", "Mixed Case ", "we\"ird.dot ")) {
            TestSchema schema = freshSchema(prefix);
            try (Connection connection = connect(schema)) {
                for (String table : List.of("msr_schema_history", "History Table", "select", "a\"b.c")) {
                    createHistoryTable(connection, schema.name(), table);
                    assertThat(dialect().tableExists(connection, schema.name(), table)).as(prefix + "/" + table)
                            .isTrue();
                    assertThat(count(connection, "select count(*) from " + history(schema, table))).isZero();
                }
            }
        }
    }

    @Test
    public void lockKeysAreStableAndDifferPerDatabaseSchemaAndTable() {
        LockKey key = dialect().lockKey("app", "public", "msr_schema_history");
        assertThat(dialect().lockKey("app", "public", "msr_schema_history")).isEqualTo(key);
        Set<LockKey> keys = new HashSet<>(List.of(key,
                dialect().lockKey("other", "public", "msr_schema_history"),
                dialect().lockKey("app", "tenant", "msr_schema_history"),
                dialect().lockKey("app", "public", "history")));
        assertThat(keys).extracting(LockKey::key).doesNotHaveDuplicates().hasSize(4);
        assertThat(key.toString()).contains("app").contains("public").contains("msr_schema_history");
    }

    @Test
    public void theLockOpensNoConnectionUntilUsed() {
        assertThatCode(() -> dialect().lock(() -> {
            throw new AssertionError("opened a connection");
        }, dialect().lockKey("app", "public", "msr_schema_history"), DeadClientDetection.OFF))
                .doesNotThrowAnyException();
    }

    @Test
    public void errorPositionCountsCharactersUpToTheOffendingWord() throws SQLException {
        TestSchema schema = freshSchema("s");
        String sql = "select 'ä€𝄞' as x,\n  2 as y frm nowhere";
        try (Connection connection = connect(schema)) {
            SQLException error = thrown(SQLException.class, () -> execute(connection, sql));
            assertThat(dialect().errorPosition(error)).isEqualTo(sql.codePointCount(0, sql.indexOf("frm")) + 1);
            SQLException noPosition = thrown(SQLException.class, () -> execute(connection,
                    "select 1 / 0"));
            assertThat(dialect().errorPosition(noPosition)).isNull();
        }
        assertThat(dialect().errorPosition(new SQLException())).isNull();
    }

    @Test
    public void aTerminatedSessionIsAConnectionErrorAndAnSqlErrorIsNot() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema); Connection victim = connect(schema)) {
            SQLException syntax = thrown(SQLException.class, () -> execute(connection, "selec 1"));
            assertThat(dialect().isConnectionError(syntax)).isFalse();
            execute(connection, "create table t (id int primary key); insert into t values (1)");
            SQLException duplicate = thrown(SQLException.class, () -> execute(connection,
                    "insert into t values (1)"));
            assertThat(dialect().isConnectionError(duplicate)).isFalse();

            terminate(victim);
            SQLException lost = thrown(SQLException.class, () -> execute(victim, "select 1"));
            assertThat(dialect().isConnectionError(lost)).as(lost.toString()).isTrue();
        }
    }

    @Test
    public void setsTheApplicationNameForTheWholeSession() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema)) {
            dialect().setApplicationName(connection, "msr migrate 42@contract");
            connection.setAutoCommit(false);
            connection.rollback();
            assertThat(applicationName(connection)).isEqualTo("msr migrate 42@contract");
        }
    }

    @Test
    public void localTimeoutsLastOnlyForTheTransaction() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema)) {
            Duration lockBefore = lockTimeout(connection);
            Duration statementBefore = statementTimeout(connection);
            connection.setAutoCommit(false);
            dialect().applyTimeouts(connection, Duration.ofMillis(300), Duration.ofSeconds(2), true);
            assertThat(lockTimeout(connection)).isEqualTo(Duration.ofMillis(300));
            assertThat(statementTimeout(connection)).isEqualTo(Duration.ofSeconds(2));
            connection.commit();
            assertThat(lockTimeout(connection)).isEqualTo(lockBefore);
            assertThat(statementTimeout(connection)).isEqualTo(statementBefore);
            dialect().applyTimeouts(connection, Duration.ofMillis(300), Duration.ofSeconds(2), true);
            connection.rollback();
            assertThat(lockTimeout(connection)).isEqualTo(lockBefore);
            assertThat(statementTimeout(connection)).isEqualTo(statementBefore);
        }
    }

    @Test
    public void sessionTimeoutsLastUntilResetAndResettingAgainIsHarmless() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema)) {
            Duration lockBefore = lockTimeout(connection);
            Duration statementBefore = statementTimeout(connection);
            dialect().applyTimeouts(connection, Duration.ofMillis(300), Duration.ofSeconds(2), false);
            connection.setAutoCommit(false);
            connection.commit();
            connection.setAutoCommit(true);
            assertThat(lockTimeout(connection)).isEqualTo(Duration.ofMillis(300));
            assertThat(statementTimeout(connection)).isEqualTo(Duration.ofSeconds(2));
            dialect().resetTimeouts(connection);
            assertThat(lockTimeout(connection)).isEqualTo(lockBefore);
            assertThat(statementTimeout(connection)).isEqualTo(statementBefore);
            dialect().resetTimeouts(connection);
            assertThat(lockTimeout(connection)).isEqualTo(lockBefore);
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    @Test
    public void nullKeepsTheSessionsTimeoutZeroMeansNoneAndLessThanAMillisecondIsOne() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema)) {
            dialect().applyTimeouts(connection, Duration.ofSeconds(5), Duration.ofSeconds(5), false);
            connection.setAutoCommit(false);
            dialect().applyTimeouts(connection, null, Duration.ZERO, true);
            assertThat(lockTimeout(connection)).as("null keeps the session's value").isEqualTo(Duration.ofSeconds(5));
            assertThat(statementTimeout(connection)).isZero();
            dialect().applyTimeouts(connection, Duration.ZERO, null, true);
            assertThat(lockTimeout(connection)).isZero();
            assertThat(statementTimeout(connection)).as("null keeps the session's value").isZero();
            connection.rollback();
            dialect().applyTimeouts(connection, Duration.ofNanos(1), null, true);
            assertThat(statementTimeout(connection)).isEqualTo(Duration.ofSeconds(5));
            assertThat(lockTimeout(connection)).isEqualTo(Duration.ofMillis(1));
            // Read back under a 1 ms statement timeout, the setting itself could be cancelled: prove it by its effect.
            dialect().applyTimeouts(connection, null, Duration.ofNanos(999_999), true);
            SQLException cancelled = catchThrowableOfType(SQLException.class,
                    () -> execute(connection, "select pg_sleep(0.2)"));
            assertThat(cancelled.getSQLState()).isEqualTo("57014");
            connection.rollback();
            connection.setAutoCommit(true);
            dialect().resetTimeouts(connection);
        }
    }

    @Test
    public void aLockTimeoutEndsAWaitForARowWithATransientErrorAndAStatementTimeoutWithAnother() throws Exception {
        TestSchema schema = freshSchema("s");
        try (Connection holder = connect(schema); Connection waiter = connect(schema)) {
            execute(holder, "create table t (id int primary key, n int); insert into t values (1, 0)");
            holder.setAutoCommit(false);
            execute(holder, "update t set n = n + 1 where id = 1");
            waiter.setAutoCommit(false);

            dialect().applyTimeouts(waiter, Duration.ofMillis(200), null, true);
            long start = System.nanoTime();
            SQLException lockTimeout = thrown(SQLException.class,
                    () -> execute(waiter, "update t set n = n + 1 where id = 1"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(dialect().isTransient(lockTimeout.getSQLState())).as(lockTimeout.toString()).isTrue();
            waiter.rollback();

            dialect().applyTimeouts(waiter, null, Duration.ofMillis(200), true);
            SQLException statementTimeout = thrown(SQLException.class,
                    () -> execute(waiter, "update t set n = n + 1 where id = 1"));
            assertThat(dialect().isTransient(statementTimeout.getSQLState())).as(statementTimeout.toString())
                    .isFalse();
            assertThat(dialect().isConnectionError(statementTimeout)).isFalse();
            waiter.rollback();
            holder.rollback();
        }
    }

    @Test
    public void aDeadlockIsTransient() throws Exception {
        TestSchema schema = freshSchema("s");
        try (Connection first = connect(schema); Connection second = connect(schema)) {
            execute(first, "create table t (id int primary key, n int); insert into t values (1, 0), (2, 0)");
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            execute(first, "update t set n = 1 where id = 1");
            execute(second, "update t set n = 2 where id = 2");
            CompletableFuture<SQLException> firstWaits = CompletableFuture.supplyAsync(() -> failure(first,
                    "update t set n = 1 where id = 2"));
            SQLException secondError = failure(second, "update t set n = 2 where id = 1");
            SQLException firstError = firstWaits.get(30, TimeUnit.SECONDS);
            SQLException deadlock = secondError != null ? secondError : firstError;
            assertThat((Throwable) deadlock).as("one of the two is chosen as the deadlock victim").isNotNull();
            assertThat(dialect().isTransient(deadlock.getSQLState())).as(deadlock.toString()).isTrue();
            first.rollback();
            second.rollback();
        }
    }

    @Test
    public void aSerializationFailureIsTransient() throws Exception {
        TestSchema schema = freshSchema("s");
        try (Connection first = connect(schema); Connection second = connect(schema)) {
            execute(first, "create table t (id int primary key, kind text)");
            for (Connection connection : List.of(first, second)) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            }
            count(first, "select count(*) from t where kind = 'a'");
            count(second, "select count(*) from t where kind = 'b'");
            execute(first, "insert into t values (1, 'b')");
            SQLException failure = failure(second, "insert into t values (2, 'a')");
            first.commit();
            if (failure == null) {
                failure = thrown(SQLException.class, second::commit);
            }
            assertThat((Throwable) failure).as("the second of two write-skewed transactions fails").isNotNull();
            assertThat(dialect().isTransient(failure.getSQLState())).as(failure.toString()).isTrue();
            second.rollback();
        }
    }

    @Test
    public void otherStatesAreNotTransient() {
        assertThat(dialect().isTransient(null)).isFalse();
        assertThat(dialect().isTransient("42601")).as("syntax error").isFalse();
        assertThat(dialect().isTransient("23505")).as("unique violation").isFalse();
        assertThat(dialect().isTransient("08006")).as("connection failure").isFalse();
    }

    @Test
    public void invalidIndexesNamesWhatAFailedConcurrentBuildLeftAsSqlNeedsIt() throws SQLException {
        for (String prefix : List.of("s", "Mixed Case ")) {
            TestSchema schema = freshSchema(prefix);
            try (Connection connection = connect(schema)) {
                execute(connection, "create table \"Accounts\" (id int); insert into \"Accounts\" values (1), (1)");
                Set<String> before = dialect().invalidIndexes(connection);
                leaveInvalidIndex(connection, schema.name(), "Accounts", "Accounts Id Key");
                Set<String> left = new HashSet<>(dialect().invalidIndexes(connection));
                left.removeAll(before);
                assertThat(left).singleElement().asString().contains(schema.name().replace("\"", "\"\""))
                        .contains("Accounts Id Key");
                execute(connection, "drop index " + left.iterator().next());
                assertThat(dialect().invalidIndexes(connection)).isEqualTo(before);
            }
        }
    }

    @Test
    public void neverCommitsOrEndsTheCallersTransaction() throws SQLException {
        TestSchema schema = freshSchema("s");
        try (Connection connection = connect(schema)) {
            execute(connection, "create table t (id int)");
            connection.setAutoCommit(false);
            execute(connection, "insert into t values (1)");
            dialect().currentSchema(connection);
            dialect().currentDatabase(connection);
            dialect().tableExists(connection, schema.name(), "t");
            dialect().invalidIndexes(connection);
            dialect().applyTimeouts(connection, Duration.ofSeconds(1), Duration.ofSeconds(1), true);
            assertThat(connection.getAutoCommit()).isFalse();
            connection.rollback();
            assertThat(count(connection, "select count(*) from t")).isZero();
            connection.rollback();
        }
    }

    private static SQLException failure(Connection connection, String sql) {
        try {
            execute(connection, sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
        T error = catchThrowableOfType(type, call);
        assertThat(error).as("expected a " + type.getSimpleName()).isNotNull();
        return error;
    }
}
