package io.msr.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a packaged Spring Boot application with {@code java -jar}, the way a Kubernetes Job or a pod does, and
 * captures its combined output in a file.
 */
public final class PackagedJar {

    private final Path jar;

    /** Creates a launcher of the jar. */
    public PackagedJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged application at " + jar.toAbsolutePath()
                    + "; run the package phase first (./mvnw verify does).");
        }
        this.jar = jar;
    }

    /** The outcome of a process that ran to its end. */
    public record Run(int exitCode, String output) {
    }

    /** A started process and its output file. */
    public record Started(Process process, Path log) {

        /** Returns what the process has printed so far. */
        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the process to end (at most {@code timeout}) and returns its exit code and output. */
        public Run await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("The process did not exit within " + timeout + ":\n" + output());
                }
                return new Run(process.exitValue(), output());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("Interrupted while waiting for the process", e);
            }
        }

        /** Stops the process (SIGTERM, then SIGKILL after 20 seconds). */
        public void stop() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Runs the application to its end (at most two minutes). */
    public Run run(Map<String, String> environment, List<String> args) {
        return start(environment, args).await(Duration.ofMinutes(2));
    }

    /** Starts the application with the given environment and arguments. */
    public Started start(Map<String, String> environment, List<String> args) {
        return start(List.of(), environment, args);
    }

    /**
     * Starts the application as {@link #start(Map, List)} does, its command preceded by {@code launcher} (such as
     * {@code ip netns exec <namespace>}, which runs it inside a network namespace); the launcher must exec the command,
     * so that the process started is the application's.
     */
    public Started start(List<String> launcher, Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--spring.main.banner-mode=off"));
        command.addAll(args);
        try {
            Path log = Files.createTempFile("packaged-app", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new Started(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
