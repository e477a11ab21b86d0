package io.msr.internal.operation;

import io.msr.Version;
import io.msr.Direction;
import io.msr.ExecutedMigration;
import io.msr.LockStatus;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.Operation;
import io.msr.OperationResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Calls several listeners in order; a listener that throws is logged and the others still run. */
final class CompositeListener implements MigrationListener {

    private static final Logger log = LoggerFactory.getLogger(CompositeListener.class);

    private final List<MigrationListener> listeners;

    /** Creates the composite of the listeners, in order. */
    public CompositeListener(List<MigrationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void runStarted(Operation operation) {
        each("runStarted", listener -> listener.runStarted(operation));
    }

    @Override
    public void lockWaitStarted(String key) {
        each("lockWaitStarted", listener -> listener.lockWaitStarted(key));
    }

    @Override
    public void lockWaiting(LockStatus holder, Duration waited) {
        each("lockWaiting", listener -> listener.lockWaiting(holder, waited));
    }

    @Override
    public void lockAcquired(String key, Duration waited) {
        each("lockAcquired", listener -> listener.lockAcquired(key, waited));
    }

    @Override
    public void lockNotNeeded(String key, Duration waited) {
        each("lockNotNeeded", listener -> listener.lockNotNeeded(key, waited));
    }

    @Override
    public void lockWaitFailed(String key, MsrException error) {
        each("lockWaitFailed", listener -> listener.lockWaitFailed(key, error));
    }

    @Override
    public void migrationStarted(@Nullable Version version, String description, String script, Direction direction) {
        each("migrationStarted", listener -> listener.migrationStarted(version, description, script, direction));
    }

    @Override
    public void migrationSucceeded(ExecutedMigration migration) {
        each("migrationSucceeded", listener -> listener.migrationSucceeded(migration));
    }

    @Override
    public void migrationFailed(ExecutedMigration migration, MsrException error) {
        each("migrationFailed", listener -> listener.migrationFailed(migration, error));
    }

    @Override
    public void runFinished(OperationResult result) {
        each("runFinished", listener -> listener.runFinished(result));
    }

    private void each(String event, Consumer<MigrationListener> call) {
        for (MigrationListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("Listener {} failed in {}; the run goes on", listener.getClass().getName(), event, e);
            }
        }
    }
}
