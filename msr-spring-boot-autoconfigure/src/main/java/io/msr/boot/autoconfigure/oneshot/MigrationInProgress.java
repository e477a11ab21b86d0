package io.msr.boot.autoconfigure.oneshot;

import io.msr.Direction;
import io.msr.ExecutedMigration;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

/**
 * Remembers which migration a one-shot run is applying, so that a run the JVM cannot finish (the heap runs out)
 * still names it in its summary. Holds two references, nothing the size of a migration.
 */
public final class MigrationInProgress implements MigrationListener {

    /** The migration being applied: its version (null for a repeatable one) and its script. */
    record Current(@Nullable Version version, String script, Direction direction) {
    }

    private volatile @Nullable Current current;

    @Override
    public void migrationStarted(@Nullable Version version, String description, String script, Direction direction) {
        current = new Current(version, script, direction);
    }

    @Override
    public void migrationSucceeded(ExecutedMigration migration) {
        current = null;
    }

    @Override
    public void migrationFailed(ExecutedMigration migration, MsrException error) {
        current = null;
    }

    /** Returns the migration started and not finished, or null when none is. */
    @Nullable Current current() {
        return current;
    }
}
