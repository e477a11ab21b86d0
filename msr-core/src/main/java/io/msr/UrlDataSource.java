package io.msr;

import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/** A non-pooled DataSource over {@link DriverManager}, for {@link Msr.Builder#url}. */
final class UrlDataSource implements DataSource {

    private final String url;
    private final @Nullable String user;
    private final @Nullable String password;

    UrlDataSource(String url, @Nullable String user, @Nullable String password) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("The JDBC URL is empty: set msr.datasource.url or spring.datasource.url.");
        }
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(@Nullable String username, @Nullable String secret) throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (secret != null) {
            properties.setProperty("password", secret);
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {
        // DriverManager logging is global; this DataSource does not change it.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The driver's own connect timeout applies (set it in the URL).
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
