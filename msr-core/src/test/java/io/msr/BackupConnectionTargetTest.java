package io.msr;

import io.msr.test.PgClientTools;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * pg_dump reaches the very server that MSR's own pgJDBC connection reaches, for the URL forms whose meaning pgJDBC
 * fixes (the short form, an empty host, a host without a port, an IPv6 address, several hosts): a wrapper around
 * the real pg_dump asks the server it reached, with psql and the same environment, for its address, port,
 * database and start time, and the test compares that with what a pgJDBC connection over the same URL reports.
 * A form the test server cannot be reached by (the short form means localhost:5432) is skipped, saying why.
 */
class BackupConnectionTargetTest {

    private static final String WHO = "select format('%s port %s, database %s, started at epoch %s',"
            + " coalesce(host(inet_server_addr()), 'the local socket'), inet_server_port(), current_database(),"
            + " extract(epoch from pg_postmaster_start_time()))";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    @TempDir
    Path dir;

    private TestDatabase db;
    private PgClientTools tools;
    private Path psql;

    @BeforeEach
    void databaseAndClientTools() {
        db = PostgresServer.shared().createDatabase();
        tools = PgClientTools.requireFor(db);
        psql = tools.pgDump().resolveSibling("psql");
        assumeTrue(Files.isExecutable(psql), () -> "needs psql next to " + tools.pgDump()
                + " to ask which server pg_dump reached");
        db.execute("create table marker (id int)");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void theShortFormReachesLocalhostOnTheDefaultPortAsPgJdbcDoes() throws Exception {
        assumeLocalDefaultPort();
        assertPgDumpReachesTheServerPgJdbcReaches("jdbc:postgresql:" + db.name() + "?user="
                + URLEncoder.encode(db.username(), StandardCharsets.UTF_8), null);
    }

    @Test
    void anEmptyHostReachesLocalhostAsPgJdbcDoes() throws Exception {
        assumeLocalDefaultPort();
        assertPgDumpReachesTheServerPgJdbcReaches("jdbc:postgresql:///" + db.name(), db.username());
    }

    @Test
    void aHostWithoutAPortReachesTheDefaultPort() throws Exception {
        assumeTrue(db.server().port() == 5432, () -> "a URL without a port means port 5432, and the test server"
                + " listens on " + db.server().port());
        assertPgDumpReachesTheServerPgJdbcReaches("jdbc:postgresql://" + hostForUrl() + "/" + db.name(),
                db.username());
    }

    @Test
    void anIpv6AddressInBracketsReachesTheServerOnThatAddress() throws Exception {
        String url = "jdbc:postgresql://[::1]:" + db.server().port() + "/" + db.name();
        if (LOOPBACK.contains(db.server().host()) && accepts(url)) {
            assertPgDumpReachesTheServerPgJdbcReaches(url, db.username());
            return;
        }
        // The test server listens on IPv4 only: reach it through a relay on [::1] that counts who came through.
        try (Ipv6Relay relay = new Ipv6Relay(db.server().host(), db.server().port())) {
            String relayed = "jdbc:postgresql://[::1]:" + relay.port() + "/" + db.name();
            int before = relay.connections();
            assertPgDumpReachesTheServerPgJdbcReaches(relayed, db.username());
            assertThat(relay.connections() - before).as("pgJDBC and pg_dump (with psql beside it) came through [::1]")
                    .isGreaterThanOrEqualTo(3);
        }
    }

    private void assumeLocalDefaultPort() {
        assumeTrue(LOOPBACK.contains(db.server().host()) && db.server().port() == 5432, () -> "this URL form means"
                + " localhost:5432, and the test server is at " + db.server().host() + ":" + db.server().port());
    }

    /** Relays TCP connections accepted on [::1] to the test server, counting them. */
    private static final class Ipv6Relay implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger connections = new AtomicInteger();

        Ipv6Relay(String host, int port) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName("::1"));
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(host, port);
                        connections.incrementAndGet();
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "ipv6-relay");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private static void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                try (from; to) {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                    // one side closed: the other goes with it
                }
            }, "ipv6-relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private String hostForUrl() {
        String host = db.server().host();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private void assertPgDumpReachesTheServerPgJdbcReaches(String url, String user) throws Exception {
        Path reached = dir.resolve("reached.txt");
        Path spy = script("spy-pg-dump", psql + " -XAtqw -c \"" + WHO + "\" > " + reached + " 2>&1\n"
                + "exec " + tools.pgDump() + " \"$@\"");
        String password = db.password().isEmpty() ? null : db.password();
        Files.createDirectories(dir.resolve("migrations"));
        Msr msr = Msr.builder().url(url, user, password)
                .settings(new MigrationFolder(dir.resolve("migrations")).settings()
                        .backup(BackupSettings.defaults().withFolder(dir.resolve("backups"))
                                .withTools(spy.toString(), tools.pgRestore().toString())).build())
                .build();

        OperationResult backup = msr.backup();

        assertThat(backup.notes()).singleElement().asString().contains("Backed up the database");
        assertThat(Files.readString(reached).strip()).isEqualTo(whoPgJdbcReaches(url, user, password));
    }

    private static String whoPgJdbcReaches(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, credentials(user, password));
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(WHO)) {
            result.next();
            return result.getString(1);
        }
    }

    private boolean accepts(String url) {
        Properties properties = credentials(db.username(), db.password().isEmpty() ? null : db.password());
        properties.setProperty("connectTimeout", "3");
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Properties credentials(String user, String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
