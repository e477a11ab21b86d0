package io.msr.test;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A database of its own for a test class on the shared {@link PostgresServer}; closing it drops it. */
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

    /** Drops the database. */
    @Override
    public void close() {
        server.dropDatabase(name);
    }
}
