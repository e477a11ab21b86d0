package io.msr.internal.dialect;

import io.msr.ConfigurationException;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** Picks the dialect of a connection's database. */
public final class Dialects {

    private Dialects() {
    }

    /** Returns the dialect; throws {@link ConfigurationException} for a database MSR does not support yet. */
    public static Dialect detect(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = metaData.getDatabaseProductName();
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return new PostgresDialect(metaData.getDatabaseProductVersion());
        }
        throw new ConfigurationException("MSR does not support " + product + " yet; it supports PostgreSQL.");
    }
}
