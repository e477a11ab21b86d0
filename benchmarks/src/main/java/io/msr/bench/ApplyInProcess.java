package io.msr.bench;

import io.msr.DriftSettings;
import io.msr.Msr;
import io.msr.MsrSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Applies one folder of migrations with MSR inside one warm JVM and with psql, alternately, each on a fresh database,
 * so that JVM start-up is out of MSR's time: {@code ApplyInProcess <server-jdbc-url> <user> <folder> <psql-script>
 * <repetitions>}. The server URL ends with a slash (the database name is appended). A first MSR run on a database of
 * its own warms the JVM and is not measured. Then each repetition times psql applying the script (psql's start
 * included, a few milliseconds) and {@link Msr#migrate()} (resolving and reading the files included, the engine's
 * construction not), with the default settings and with the drift fingerprint off (the one thing a run does once
 * that psql does not: it reads the catalog of the whole schema at its end), and prints {@code psql <seconds>},
 * {@code MSR <seconds>} and {@code MSR-no-drift <seconds>}, tab-separated, one line each.
 * psql takes its server, port and user from PGHOST, PGPORT and PGUSER.
 */
public final class ApplyInProcess {

    private ApplyInProcess() {
    }

    public static void main(String[] args) throws Exception {
        String server = args[0];
        String user = args[1];
        String folder = args[2];
        String script = args[3];
        int repetitions = Integer.parseInt(args[4]);
        String prefix = "bench_inproc_" + ProcessHandle.current().pid() + "_";
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, null)) {
            String warmUp = prefix + "warm";
            create(admin, warmUp);
            msr(server + warmUp, user, folder, true).migrate();
            drop(admin, warmUp);
            for (int i = 1; i <= repetitions; i++) {
                String psqlDatabase = prefix + "psql_" + i;
                create(admin, psqlDatabase);
                long start = System.nanoTime();
                Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", psqlDatabase,
                        "-f", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (psql.waitFor() != 0) {
                    throw new IllegalStateException("psql failed on " + psqlDatabase);
                }
                print("psql", System.nanoTime() - start);
                drop(admin, psqlDatabase);

                for (boolean drift : new boolean[] {true, false}) {
                    String msrDatabase = prefix + "msr_" + i;
                    create(admin, msrDatabase);
                    Msr msr = msr(server + msrDatabase, user, folder, drift);
                    start = System.nanoTime();
                    msr.migrate();
                    print(drift ? "MSR" : "MSR-no-drift", System.nanoTime() - start);
                    drop(admin, msrDatabase);
                }
            }
        }
    }

    private static Msr msr(String url, String user, String folder, boolean drift) {
        MsrSettings.Builder settings = MsrSettings.builder().locations("filesystem:" + folder);
        if (!drift) {
            settings.drift(new DriftSettings(false, List.of(), false));
        }
        return Msr.builder().url(url, user, null).settings(settings.build()).build();
    }

    private static void print(String tool, long nanos) {
        System.out.printf(Locale.ROOT, "%s\t%.3f%n", tool, nanos / 1e9);
    }

    private static void create(Connection admin, String database) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database);
            statement.execute("create database " + database);
        }
    }

    private static void drop(Connection admin, String database) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("drop database " + database);
        }
    }
}
