package io.msr.test;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of its own for a test class on the shared {@link PostgresServer}, made by
 * {@link PostgresServer#createDatabase()} (or {@link WithPostgres}); closing it drops it. Tests of one class that
 * each need a clean slate take a {@link #freshSchema() fresh schema} in it.
 */
public final class TestDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Returns the database name. */
    public String name() {
        return name;
    }

    /** Returns the server. */
    public PostgresServer server() {
        return server;
    }

    /** Returns the JDBC URL of this database, without user and password. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** Returns the user to connect as. */
    public String username() {
        return server.username();
    }

    /** Returns the password, empty when the server trusts the user. */
    public String password() {
        return server.password();
    }

    /** Returns a non-pooled DataSource of this database. */
    public DataSource dataSource() {
        return simpleDataSource();
    }

    /**
     * Creates a new, empty schema named {@code s<8 hex digits>} that no other test has touched; see
     * {@link TestSchema}. This is the one place tests make fresh schemas.
     */
    public TestSchema freshSchema() {
        return freshSchema("s");
    }

    /**
     * Creates a new, empty schema whose name is {@code prefix} followed by 8 random hex digits. The prefix may hold
     * any character, upper case, spaces and double quotes included (the name is quoted as SQL needs), for tests of
     * names that need quoting. Fails when the name is taken, rather than sharing a schema.
     */
    public TestSchema freshSchema(String prefix) {
        TestSchema schema = new TestSchema(this,
                prefix + String.format("%08x", ThreadLocalRandom.current().nextInt()));
        execute("create schema " + schema.quoted());
        return schema;
    }

    PGSimpleDataSource simpleDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(username());
        if (!password().isEmpty()) {
            dataSource.setPassword(password());
        }
        return dataSource;
    }

    /** Opens a new connection; the caller closes it. */
    public Connection connect() {
        try {
            return server.connect(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to the test database " + name, e);
        }
    }

    /** Runs SQL in autocommit. */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    /** Returns the single value of a query, converted to the type, or null when there is no row. */
    public <T> T queryForObject(String sql, Class<T> type) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getObject(1, type) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    /** Returns the first column of every row, as text. */
    public List<String> queryForStrings(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    /**
     * Ends the session with backend process id {@code pid} as an operator would ({@code pg_terminate_backend}) and
     * waits, at most ten seconds, until the server has removed it, so that whatever the session held is free.
     */
    public void terminateSession(int pid) {
        execute("select pg_terminate_backend(" + pid + ")");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (queryForObject("select count(*) from pg_stat_activity where pid = " + pid, Long.class) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Session " + pid + " was still there 10 s after it was terminated");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Drops the database. */
    @Override
    public void close() {
        server.dropDatabase(name);
    }
}
