package io.msr.bench;

import org.flywaydb.core.Flyway;

/** Applies the migrations of a folder with Flyway's Java API: {@code ApplyWithFlyway <jdbc-url> <user> <folder>}. */
public final class ApplyWithFlyway {

    private ApplyWithFlyway() {
    }

    public static void main(String[] args) {
        Flyway flyway = Flyway.configure().dataSource(args[0], args[1], null)
                .locations("filesystem:" + args[2]).load();
        System.out.println("flyway applied " + flyway.migrate().migrationsExecuted);
    }
}
