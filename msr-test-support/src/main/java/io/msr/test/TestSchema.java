package io.msr.test;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A new, empty schema of its own in a {@link TestDatabase}, made by {@link TestDatabase#freshSchema()}: the one way
 * tests get a schema that no other test has touched. Closing it drops the schema and everything in it; a test may
 * instead leave that to the end of its class, when the whole database is dropped.
 */
public final class TestSchema implements AutoCloseable {

    private final TestDatabase database;
    private final String name;

    TestSchema(TestDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    /** Returns the schema's name as the catalog stores it (unquoted), e.g. for {@code msr.schema}. */
    public String name() {
        return name;
    }

    /** Returns the name quoted for SQL, {@code "name"}, with embedded double quotes doubled. */
    public String quoted() {
        return quote(name);
    }

    /** Returns the database the schema is in. */
    public TestDatabase database() {
        return database;
    }

    /**
     * Returns the JDBC URL of the database with this schema as the current schema (pgjdbc's {@code currentSchema}),
     * without user and password.
     */
    public String jdbcUrl() {
        String url = database.jdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema="
                + URLEncoder.encode(quoted(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Returns a non-pooled DataSource whose connections have this schema as their current schema. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = database.simpleDataSource();
        dataSource.setCurrentSchema(quoted());
        return dataSource;
    }

    /** Drops the schema and everything in it; does nothing when it is gone already. */
    @Override
    public void close() {
        database.execute("drop schema if exists " + quoted() + " cascade");
    }

    @Override
    public String toString() {
        return name;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
