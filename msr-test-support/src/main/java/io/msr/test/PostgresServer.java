package io.msr.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real PostgreSQL server for tests, chosen once per JVM, in this order:
 * <ol>
 *   <li>{@code MSR_TEST_POSTGRES_URL} (or system property {@code msr.test.postgres.url}): a JDBC URL of a server
 *       where tests may create and drop databases; user and password come from the URL or from
 *       {@code MSR_TEST_POSTGRES_USER} / {@code MSR_TEST_POSTGRES_PASSWORD};</li>
 *   <li>Testcontainers ({@code postgres:15-alpine}) when a Docker engine answers;</li>
 *   <li>embedded PostgreSQL binaries from Maven Central, stopped when the JVM exits.</li>
 * </ol>
 * {@code MSR_TEST_POSTGRES} (or {@code msr.test.postgres}) = {@code url}, {@code testcontainers} or
 * {@code embedded} forces a choice.
 */
public final class PostgresServer {

    private static final class Holder {
        private static final PostgresServer SHARED = start();
    }

    private final String kind;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String parameters;

    private PostgresServer(String kind, String host, int port, String username, String password, String parameters) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password == null ? "" : password;
        this.parameters = parameters == null ? "" : parameters;
    }

    /** Returns the server shared by every test of this JVM, starting it on first use. */
    public static PostgresServer shared() {
        return Holder.SHARED;
    }

    /** Returns how the server was found: "url", "testcontainers" or "embedded". */
    public String kind() {
        return kind;
    }

    /** Returns the server's host. */
    public String host() {
        return host;
    }

    /** Returns the server's port. */
    public int port() {
        return port;
    }

    /** Returns the user tests connect as; it may create and drop databases. */
    public String username() {
        return username;
    }

    /** Returns the password, empty when the server trusts the user. */
    public String password() {
        return password;
    }

    /** Returns the JDBC URL of a database on this server (without user and password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    /** Returns the JDBC URL of the server's maintenance database, {@code postgres}. */
    public String adminJdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** Creates a new, empty database named {@code msr_test_<8 hex>}; the caller drops it (close it). */
    public TestDatabase createDatabase() {
        String name = "msr_test_" + String.format("%08x", ThreadLocalRandom.current().nextInt());
        admin("create database " + name);
        return new TestDatabase(this, name);
    }

    /** Drops a database, disconnecting its sessions first. */
    public void dropDatabase(String name) {
        admin("drop database if exists " + name + " with (force)");
    }

    /** Drops a role (roles are cluster-wide); call after dropping the databases it owns objects in. */
    public void dropRole(String name) {
        admin("drop role if exists " + name);
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    private void admin(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on the test server " + host + ":" + port, e);
        }
    }

    private static PostgresServer start() {
        String forced = setting("MSR_TEST_POSTGRES", "msr.test.postgres");
        String url = setting("MSR_TEST_POSTGRES_URL", "msr.test.postgres.url");
        String choice = forced == null ? null : forced.toLowerCase(Locale.ROOT);
        if ("url".equals(choice) || (choice == null && url != null)) {
            if (url == null) {
                throw new IllegalStateException("MSR_TEST_POSTGRES=url needs MSR_TEST_POSTGRES_URL");
            }
            return fromUrl(url);
        }
        if ("testcontainers".equals(choice) || (choice == null && dockerAvailable())) {
            return fromTestcontainers();
        }
        return fromEmbedded();
    }

    private static PostgresServer fromUrl(String url) {
        TestUrl parsed = TestUrl.parse(url);
        String user = firstNonNull(setting("MSR_TEST_POSTGRES_USER", "msr.test.postgres.user"), parsed.user(), "postgres");
        String password = firstNonNull(setting("MSR_TEST_POSTGRES_PASSWORD", "msr.test.postgres.password"),
                parsed.password(), "");
        return new PostgresServer("url", parsed.host(), parsed.port(), user, password, parsed.otherParameters());
    }

    @SuppressWarnings("resource")
    private static PostgresServer fromTestcontainers() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "msr-test-postgres-stop"));
        return new PostgresServer("testcontainers", container.getHost(), container.getMappedPort(5432),
                container.getUsername(), container.getPassword(), "");
    }

    private static PostgresServer fromEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // The JVM is exiting; the temporary data directory is removed by the library.
                }
            }, "msr-test-postgres-stop"));
            return new PostgresServer("embedded", "localhost", postgres.getPort(), "postgres", "", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        }
    }

    private static boolean dockerAvailable() {
        String dockerHost = System.getenv("DOCKER_HOST");
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (dockerHost == null && !socket) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String setting(String env, String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
