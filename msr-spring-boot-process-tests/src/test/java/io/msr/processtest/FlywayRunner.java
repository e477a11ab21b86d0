package io.msr.processtest;

import org.flywaydb.core.Flyway;

/**
 * A Flyway migrate process, for measuring Flyway under the same faults as MSR: {@code FlywayRunner <jdbc url> <user>
 * <location>} migrates with Flyway's defaults and exits 0, or 1 when Flyway fails.
 */
public final class FlywayRunner {

    private FlywayRunner() {
    }

    public static void main(String[] args) {
        try {
            Flyway.configure().dataSource(args[0], args[1], "").locations(args[2]).load().migrate();
            System.exit(0);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
