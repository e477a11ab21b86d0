package io.msr.bench;

import io.msr.Msr;
import io.msr.MsrSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Races MSR runners inside one JVM, so that JVM start-up is out of the measurement and only the coordination
 * (lock, hand-off, history reads) remains: {@code RaceInProcess <jdbc-url> <user> <folder> <runners>} starts the
 * runners together, each with its own engine and connections, and prints the wall time in seconds from their
 * start to the last one's end. With a fifth argument, {@code <warm-up-jdbc-url>}, one runner first applies the
 * folder to that database, unmeasured, so that the race runs in a warm JVM.
 */
public final class RaceInProcess {

    private RaceInProcess() {
    }

    public static void main(String[] args) throws Exception {
        int runners = Integer.parseInt(args[3]);
        if (args.length > 4) {
            Msr.builder().url(args[4], args[1], null)
                    .settings(MsrSettings.builder().locations("filesystem:" + args[2]).build()).build().migrate();
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < runners; i++) {
            Msr msr = Msr.builder().url(args[0], args[1], null)
                    .settings(MsrSettings.builder().locations("filesystem:" + args[2]).build()).build();
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    msr.migrate();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - begin;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a runner failed", failures.get(0));
        }
        System.out.printf(java.util.Locale.ROOT, "%.3f%n", elapsed / 1e9);
    }
}
