package io.msr.sample.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code local} profile's database: an embedded PostgreSQL (binaries from Maven Central) on a fixed port,
 * with its data in a git-ignored folder so it survives restarts. When another process already serves it (the
 * app running while the migrate job runs), this one connects to it instead of starting a second server.
 * Only {@code sample-app-local.jar} carries it (see {@link LocalSampleApplication}).
 */
public final class LocalDatabase implements EnvironmentPostProcessor, Ordered {

    private static final String DATABASE = "postgres";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            return;
        }
        int port = environment.getProperty("sample.local-db.port", Integer.class, 54329);
        Path directory = Path.of(environment.getProperty("sample.local-db.directory", ".local-db")).toAbsolutePath();
        if (!listening(port)) {
            start(directory, port);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("localDatabase", Map.of(
                "spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/" + DATABASE,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "")));
    }

    private static void start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(directory)
                    .setCleanDataDirectory(false).setPort(port).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // The JVM is exiting; the server's own shutdown is best effort here.
                }
            }, "local-postgres-stop"));
        } catch (IOException e) {
            if (listening(port)) {
                return;
            }
            throw new UncheckedIOException("Could not start the local PostgreSQL in " + directory + " on port " + port
                    + "; delete that folder to start afresh", e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
