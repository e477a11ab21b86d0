package io.msr.internal.dialect;

import io.msr.test.TestDatabase;
import io.msr.test.TestSchema;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PostgresDialect} passes the dialect contract. */
@WithPostgres
class PostgresDialectTest extends DialectContract {

    private final TestDatabase db;
    private final Dialect dialect = new PostgresDialect("15");

    PostgresDialectTest(TestDatabase db) {
        this.db = db;
    }

    @Override
    protected Dialect dialect() {
        return dialect;
    }

    @Override
    protected TestSchema freshSchema(String prefix) {
        return db.freshSchema(prefix);
    }

    @Override
    protected Duration lockTimeout(Connection connection) throws SQLException {
        return milliseconds(connection, "lock_timeout");
    }

    @Override
    protected Duration statementTimeout(Connection connection) throws SQLException {
        return milliseconds(connection, "statement_timeout");
    }

    @Override
    protected String applicationName(Connection connection) throws SQLException {
        return query(connection, "select current_setting('application_name')");
    }

    @Override
    protected void leaveInvalidIndex(Connection connection, String schema, String table, String index) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create unique index concurrently " + quote(index) + " on "
                    + dialect.qualify(schema, table) + " (id)");
            throw new AssertionError("the concurrent build succeeded");
        } catch (SQLException expected) {
            assertThat(expected.getSQLState()).isEqualTo("23505");
        }
    }

    @Override
    protected void terminate(Connection victim) throws SQLException {
        db.terminateSession(Integer.parseInt(query(victim, "select pg_backend_pid()")));
    }

    @Test
    void transientStatesAreExactlyLockNotAvailableSerializationFailureAndDeadlockDetected() {
        assertThat(java.util.stream.Stream.of("55P03", "40001", "40P01", "57014", "40000", "40002", "55000", "57P01"))
                .filteredOn(dialect::isTransient).containsExactly("55P03", "40001", "40P01");
    }

    @Test
    void qualifyQuotesBothNamesAlways() {
        assertThat(dialect.qualify("Sales", "a\"b")).isEqualTo("\"Sales\".\"a\"\"b\"");
        assertThat(dialect.qualify("public", "msr_schema_history")).isEqualTo("\"public\".\"msr_schema_history\"");
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static Duration milliseconds(Connection connection, String setting) throws SQLException {
        return Duration.ofMillis(Long.parseLong(query(connection, "select setting from pg_settings where name = '"
                + setting + "'")));
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
