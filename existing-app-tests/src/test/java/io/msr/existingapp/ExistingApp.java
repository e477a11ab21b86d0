package io.msr.existingapp;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The packaged existing application, started against one schema of a test database and an audit database: as the
 * migrate Job ({@link #job}) or as the application ({@link #start}, {@link #launch}); what its startup work did is
 * in {@link #markers()}.
 */
final class ExistingApp {

    static final Path JAR = Path.of(System.getProperty("existing.app.jar"));

    private final PackagedJar jar;
    private final Map<String, String> environment;
    private final TestDatabase db;
    private final AuditDatabase audit;
    private final String schema;
    private final Path markers;

    ExistingApp(PackagedJar jar, Map<String, String> environment, TestDatabase db, AuditDatabase audit, Path dir) {
        this.jar = jar;
        this.environment = environment;
        this.db = db;
        this.audit = audit;
        this.schema = db.freshSchema().name();
        this.markers = dir.resolve("markers");
    }

    String schema() {
        return schema;
    }

    private List<String> args(String mode, String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(), "--msr.mode=" + mode, "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--app.audit.datasource.url=" + audit.db().jdbcUrl(),
                "--app.audit.datasource.username=" + audit.db().username(), "--app.markers=" + markers));
        if (!db.password().isEmpty()) {
            args.add("--spring.datasource.password=" + db.password());
            args.add("--app.audit.datasource.password=" + audit.db().password());
        }
        if (Stream.of(extra).noneMatch(arg -> arg.startsWith("--server.port="))) {
            args.add("--server.port=0");
        }
        args.addAll(List.of(extra));
        return args;
    }

    /** Runs the migrate Job to its end. */
    PackagedJar.Run job(String... extra) {
        return run("migrate", extra);
    }

    /** Runs the application in a mode to its end. */
    PackagedJar.Run run(String mode, String... extra) {
        return jar.start(environment, args(mode, extra)).await(Duration.ofSeconds(90));
    }

    /** Starts the application (verify mode) and waits until it is ready; the caller stops it. */
    PackagedJar.Started start() {
        return awaitReady(launch("verify"));
    }

    /** Starts the application in a mode without waiting for anything; the caller stops it. */
    PackagedJar.Started launch(String mode, String... extra) {
        return jar.start(environment, args(mode, extra));
    }

    /** Waits until the started application is ready (at most a minute); stops it when it is not. */
    PackagedJar.Started awaitReady(PackagedJar.Started app) {
        return await(app, "become ready", () -> markers().contains("application-ready"));
    }

    /** Waits until the started application has printed the text (at most a minute); stops it when it has not. */
    PackagedJar.Started awaitOutput(PackagedJar.Started app, String text) {
        return await(app, "print '" + text + "'", () -> app.output().contains(text));
    }

    private static PackagedJar.Started await(PackagedJar.Started app, String what, BooleanSupplier done) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!done.getAsBoolean()) {
            // A failed startup leaves the JVM alive: the application has a non-daemon thread.
            if (!app.process().isAlive() || app.output().contains("Application run failed")
                    || Instant.now().isAfter(deadline)) {
                app.stop();
                throw new AssertionError("The application did not " + what + ":\n" + app.output());
            }
            sleep();
        }
        return app;
    }

    /** Returns the markers the application's startup work left, sorted. */
    List<String> markers() {
        if (!Files.isDirectory(markers)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(markers)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> greetings() {
        return db.queryForStrings("select text from " + schema + ".greeting");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
