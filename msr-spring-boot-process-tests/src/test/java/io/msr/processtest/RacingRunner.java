package io.msr.processtest;

import io.msr.Msr;
import io.msr.MsrException;
import io.msr.MsrSettings;

import java.time.Duration;

/**
 * A migrate process with the engine alone, no Spring: {@code RacingRunner <jdbc url> <user> <location>} migrates
 * and exits with the engine's exit code. Cheap enough to start ten at once, twenty times over, on a two-core CI
 * machine; the lock and the history it races on are the same as the packaged jar's.
 */
public final class RacingRunner {

    private RacingRunner() {
    }

    public static void main(String[] args) {
        Msr msr = Msr.builder().url(args[0], args[1], System.getenv("RACE_PASSWORD"))
                .settings(MsrSettings.builder().locations(args[2]).lockWaitTimeout(Duration.ofMinutes(2)).build())
                .build();
        try {
            msr.migrate();
            System.exit(0);
        } catch (MsrException e) {
            System.err.println(e.getMessage());
            System.exit(e.exitCode().code());
        }
    }
}
