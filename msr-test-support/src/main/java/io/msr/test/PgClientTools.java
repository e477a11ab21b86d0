package io.msr.test;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL client tools ({@code pg_dump}, {@code pg_restore}) for tests of backups and schema dumps: taken
 * from {@code MSR_TEST_PG_BIN} (a folder) or {@code PATH}, and usable only when their major version is at least the
 * test server's (pg_dump refuses newer servers). The embedded test server is PostgreSQL 15, the version Debian 12
 * ships, so the distribution's {@code postgresql-client} fits.
 */
public final class PgClientTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static final Map<Path, Integer> MAJOR = new ConcurrentHashMap<>();
    private static final Map<Path, Boolean> RESTRICT_KEY = new ConcurrentHashMap<>();

    private final Path pgDump;
    private final Path pgRestore;

    private PgClientTools(Path pgDump, Path pgRestore) {
        this.pgDump = pgDump;
        this.pgRestore = pgRestore;
    }

    /** Returns the path of pg_dump. */
    public Path pgDump() {
        return pgDump;
    }

    /** Returns the path of pg_restore. */
    public Path pgRestore() {
        return pgRestore;
    }

    /**
     * Returns tools that can dump the database's server, or skips the calling test (a JUnit assumption) saying
     * what is missing: the tests that need them run wherever a matching client is installed, as in CI.
     */
    public static PgClientTools requireFor(TestDatabase db) {
        Optional<PgClientTools> tools = findFor(db);
        Assumptions.assumeTrue(tools.isPresent(), () -> "needs pg_dump and pg_restore of PostgreSQL "
                + serverMajor(db) + " or newer (install postgresql-client, or set MSR_TEST_PG_BIN)");
        return tools.orElseThrow();
    }

    /** Returns tools that can dump the database's server, if any are installed. */
    public static Optional<PgClientTools> findFor(TestDatabase db) {
        Optional<Path> dump = locate("pg_dump");
        Optional<Path> restore = locate("pg_restore");
        if (dump.isEmpty() || restore.isEmpty()) {
            return Optional.empty();
        }
        int server = serverMajor(db);
        if (major(dump.get()) < server || major(restore.get()) < server) {
            return Optional.empty();
        }
        return Optional.of(new PgClientTools(dump.get(), restore.get()));
    }

    /**
     * Returns {@code pg_dump --schema-only} of the database: the schema, byte for byte as pg_dump prints it. The
     * random key of the {@code \\restrict} lines that recent pg_dump releases print is fixed, so that two dumps of
     * the same schema are equal.
     */
    public String schemaOnlyDump(TestDatabase db) {
        List<String> command = new ArrayList<>(List.of(pgDump.toString(), "--schema-only", "--no-password",
                "--dbname=" + db.name()));
        if (RESTRICT_KEY.computeIfAbsent(pgDump, tool -> run(List.of(tool.toString(), "--help"), db)
                .contains("--restrict-key"))) {
            command.add("--restrict-key=msrtest");
        }
        return run(command, db);
    }

    private static String run(List<String> command, TestDatabase db) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("PGHOST", db.server().host());
            builder.environment().put("PGPORT", String.valueOf(db.server().port()));
            builder.environment().put("PGUSER", db.username());
            if (db.password() != null && !db.password().isEmpty()) {
                builder.environment().put("PGPASSWORD", db.password());
            }
            Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed with exit code " + process.exitValue());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int serverMajor(TestDatabase db) {
        return db.queryForObject("select current_setting('server_version_num')::int / 10000", Integer.class);
    }

    private static int major(Path tool) {
        return MAJOR.computeIfAbsent(tool, PgClientTools::readMajor);
    }

    private static int readMajor(Path tool) {
        try {
            Process process = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher matcher = VERSION.matcher(output);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Optional<Path> locate(String name) {
        List<String> folders = new ArrayList<>();
        String bin = System.getenv("MSR_TEST_PG_BIN");
        if (bin != null && !bin.isBlank()) {
            folders.add(bin);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            folders.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String folder : folders) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
