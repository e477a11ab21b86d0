package io.msr.bench;

import io.msr.test.CountingSocketFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.msr.InfoResult;
import io.msr.Msr;
import io.msr.MsrSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * What verify mode's refresh costs the application: {@code RefreshCost <jdbc-url> <user> <refreshes>} applies the
 * migrations on the classpath ({@code classpath:db/msr}) to the database, then reads the schema as a verify-mode
 * replica does on each refresh ({@link Msr#info()}, on a pool of one connection), first 100 times to warm up, then
 * {@code refreshes} times measured. Prints, tab-separated: the calling thread's CPU milliseconds per refresh, the
 * process's CPU milliseconds per refresh (JIT and GC included), the wall milliseconds per refresh, and the statements
 * per refresh that reached the database and the round trips they took, counted on the wire
 * ({@link CountingSocketFactory}).
 */
public final class RefreshCost {

    private RefreshCost() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String user = args[1];
        int refreshes = Integer.parseInt(args[2]);
        MsrSettings settings = MsrSettings.builder().build();
        int applied = Msr.builder().url(url, user, null).settings(settings).build().migrate().succeeded().size();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "sslmode=disable&socketFactory="
                + CountingSocketFactory.class.getName());
        pool.setUsername(user);
        pool.setMaximumPoolSize(1);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            Msr msr = Msr.builder().dataSource(dataSource).settings(settings).build();
            InfoResult info = null;
            for (int i = 0; i < 100; i++) {
                info = msr.info();
            }
            if (info.history().size() != applied || applied == 0) {
                throw new IllegalStateException("read " + info.history().size() + " history rows, applied " + applied);
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            int statements = CountingSocketFactory.statements();
            int roundTrips = CountingSocketFactory.roundTrips();
            long cpu = threads.getCurrentThreadCpuTime();
            long processCpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < refreshes; i++) {
                msr.info();
            }
            wall = System.nanoTime() - wall;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            processCpu = os.getProcessCpuTime() - processCpu;
            statements = CountingSocketFactory.statements() - statements;
            roundTrips = CountingSocketFactory.roundTrips() - roundTrips;
            System.out.printf(Locale.ROOT, "%.3f\t%.3f\t%.3f\t%.2f\t%.2f%n", cpu / 1e6 / refreshes,
                    processCpu / 1e6 / refreshes, wall / 1e6 / refreshes, (double) statements / refreshes,
                    (double) roundTrips / refreshes);
        }
    }
}
