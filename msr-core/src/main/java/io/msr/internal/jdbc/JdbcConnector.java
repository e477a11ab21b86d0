package io.msr.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** One way to open a connection, with the driver's own error: a DataSource, or DriverManager and a URL. */
@FunctionalInterface
public interface JdbcConnector {

    /** Opens a new connection; the caller must close it. Never returns null. */
    Connection connect() throws SQLException;
}
