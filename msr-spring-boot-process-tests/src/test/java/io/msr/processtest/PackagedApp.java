package io.msr.processtest;

import io.msr.test.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the packaged test application with {@code java -jar}, the way a Job or a pod does. */
final class PackagedApp {

    private static final Path JAR = Path.of(System.getProperty("process.test.jar", "target/process-test-app.jar"));

    private PackagedApp() {
    }

    /** The outcome of a process that ran to its end. */
    record Run(int exitCode, String output) {
    }

    /** Returns the arguments that point the app at a test database. */
    static List<String> database(TestDatabase db) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username()));
        if (!db.password().isEmpty()) {
            args.add("--spring.datasource.password=" + db.password());
        }
        return args;
    }

    /** Runs the app to its end (at most two minutes) and returns its exit code and combined output. */
    static Run run(Map<String, String> environment, List<String> args) {
        Process process = start(environment, args);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("The app did not exit within two minutes:\n" + output(process));
            }
            return new Run(process.exitValue(), output(process));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Starts the app and returns the running process; its output goes to a file read by {@link #output}. */
    static Process start(Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--spring.main.banner-mode=off"));
        command.addAll(args);
        try {
            Path log = Files.createTempFile("process-test-app", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            LOGS.put(process, log);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns what the process has printed so far. */
    static String output(Process process) {
        try {
            return Files.readString(LOGS.get(process), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();
}
