package io.msr.processtest;

import io.msr.ExecutedMigration;
import io.msr.MigrationListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Holds the migrate run still right after migration {@code test.pause-after-version} committed and before the
 * next one starts, leaving the marker {@code paused-after-<version>}: the moment a fault test kills the process
 * "between migrations".
 */
@Component
@ConditionalOnProperty("test.pause-after-version")
public class PauseAfterMigration implements MigrationListener {

    private final long version;
    private final SideEffects effects;

    public PauseAfterMigration(@Value("${test.pause-after-version}") long version, SideEffects effects) {
        this.version = version;
        this.effects = effects;
    }

    @Override
    public void migrationSucceeded(ExecutedMigration migration) {
        if (migration.version() == null || !migration.version().equals(io.msr.Version.of(version))) {
            return;
        }
        effects.happened("paused-after-" + version);
        try {
            Thread.sleep(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
