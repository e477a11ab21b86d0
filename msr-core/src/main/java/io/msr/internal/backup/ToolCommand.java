package io.msr.internal.backup;

import org.jspecify.annotations.Nullable;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One PostgreSQL client tool ({@code pg_dump}, {@code pg_restore}): found on {@code PATH} or at a configured
 * path, run with its connection in its environment, and reported by exit code and the tail of its output.
 */
final class ToolCommand {

    /**
     * The variables of the runner's own environment a tool inherits, besides libpq's {@code PG*}: what finds
     * programs, libraries, the home folder (libpq's {@code ~/.postgresql} certificates) and the locale. Nothing else
     * reaches the tool: a container's environment often holds {@code DATABASE_URL}, {@code SPRING_DATASOURCE_PASSWORD}
     * or unrelated secrets, which {@code pg_dump} has no use for.
     */
    private static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE",
            "TZ", "TMPDIR", "LD_LIBRARY_PATH");

    /** How much of the tool's output is kept for the error message. */
    private static final int OUTPUT_TAIL = 4000;

    private final String name;
    private final String command;

    /**
     * @param name    the tool's name for messages, e.g. {@code pg_dump}
     * @param command a name looked up on {@code PATH}, or a path (anything with a separator)
     */
    ToolCommand(String name, String command) {
        this.name = name;
        this.command = command;
    }

    /**
     * The outcome of one run: the exit code ({@link #NOT_RUN} when the tool could not be started or was
     * interrupted) and the last part of what the tool printed, or why it did not run.
     */
    record Outcome(int exitCode, String output) {
        static final int NOT_RUN = -1;

        boolean succeeded() {
            return exitCode == 0;
        }

        /** Says how the run failed, for messages: "failed with exit code 1", or that it did not run to its end. */
        String failure() {
            return exitCode == NOT_RUN ? "did not run to its end" : "failed with exit code " + exitCode;
        }
    }

    /** Returns the executable, or empty when it is neither on {@code PATH} nor an executable file at the path. */
    Optional<Path> locate() {
        if (command.contains("/") || command.contains(File.separator)) {
            Path path = Path.of(command);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Explains that the tool is missing and how to fix it, naming the property that sets its path. */
    String missingMessage(String property) {
        String where = command.contains("/") || command.contains(File.separator)
                ? "There is no executable file at " + command
                : (command.equals(name) ? name : "'" + command + "' (" + name + ")") + " was not found on PATH";
        return where + ". Install the PostgreSQL client tools of the server's major version (or newer) in the"
                + " image, or set " + property + " to the path of " + name + ".";
    }

    /**
     * Runs the tool with these arguments and extra environment variables (added to the inherited environment,
     * replacing variables of the same name; a variable mapped to null is removed from it) and waits for it. The
     * inherited environment is only libpq's {@code PG*} variables, {@code LC_*} and {@link #INHERITED}. The
     * arguments must never hold a secret. Never throws: a tool that cannot be started, or a wait that is
     * interrupted (the tool is then killed), is an outcome too.
     */
    Outcome run(Path executable, List<String> arguments, Map<String, ? extends @Nullable String> environment) {
        List<String> line = new ArrayList<>();
        line.add(executable.toString());
        line.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> !inherited(variable));
        environment.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        Process process = null;
        try {
            process = builder.start();
            process.getOutputStream().close();
            String output;
            try (InputStream stream = process.getInputStream()) {
                output = tail(stream);
            }
            return new Outcome(process.waitFor(), output.strip());
        } catch (IOException e) {
            return new Outcome(Outcome.NOT_RUN, "could not run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Outcome(Outcome.NOT_RUN, "interrupted while " + name + " ran; it was stopped");
        }
    }

    private static boolean inherited(String variable) {
        return variable.startsWith("PG") || variable.startsWith("LC_") || INHERITED.contains(variable);
    }

    private static String tail(InputStream stream) throws IOException {
        StringBuilder kept = new StringBuilder();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = stream.read(buffer)) >= 0) {
            kept.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (kept.length() > 2 * OUTPUT_TAIL) {
                kept.delete(0, kept.length() - OUTPUT_TAIL);
            }
        }
        return kept.length() > OUTPUT_TAIL ? "..." + kept.substring(kept.length() - OUTPUT_TAIL) : kept.toString();
    }
}
