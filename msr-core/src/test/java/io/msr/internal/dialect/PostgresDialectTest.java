package io.msr.internal.dialect;

import io.msr.internal.lock.DeadClientDetection;
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

    @Test
    void asksTheServerToDropAVanishedClientAndGivesABorrowedSessionBackAsItCame() throws SQLException {
        try (Connection connection = db.connect()) {
            String[] before = deadClientSettings(connection);
            int networkTimeout = connection.getNetworkTimeout();
            SessionState saved = dialect.saveSession(connection);

            dialect.detectDeadClient(connection, new DeadClientDetection(Duration.ofSeconds(30)));
            connection.setNetworkTimeout(Runnable::run, 15_000);
            assertThat(deadClientSettings(connection)).containsExactly("10", "5", "4", "30000", "5s");

            saved.restore(connection);
            assertThat(deadClientSettings(connection)).containsExactly(before);
            assertThat(connection.getNetworkTimeout()).isEqualTo(networkTimeout);
        }
    }

    @Test
    void leavesTheServerAloneWhenDetectionIsOff() throws SQLException {
        try (Connection connection = db.connect()) {
            String[] before = deadClientSettings(connection);
            dialect.detectDeadClient(connection, DeadClientDetection.OFF);
            assertThat(deadClientSettings(connection)).containsExactly(before);
        }
    }

    private static String[] deadClientSettings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("select"
                + " current_setting('tcp_keepalives_idle'), current_setting('tcp_keepalives_interval'),"
                + " current_setting('tcp_keepalives_count'), current_setting('tcp_user_timeout'),"
                + " current_setting('client_connection_check_interval')")) {
            result.next();
            return new String[] {result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                    result.getString(5)};
        }
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
