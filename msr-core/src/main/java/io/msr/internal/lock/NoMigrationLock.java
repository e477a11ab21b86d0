package io.msr.internal.lock;

import io.msr.LockStatus;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The lock used when locking is turned off ({@code msr.lock.enabled=false}): every runner "acquires" it at once, so
 * it excludes nobody and does not pass {@code MigrationLockContract}; the operator has promised that one runner at a
 * time migrates. It opens no connection: its lease is never lost and closing it does nothing, {@link #status} reports
 * the lock as not held, and {@link #forceRelease} does nothing.
 */
public final class NoMigrationLock implements MigrationLock {

    private final LockKey key;

    /** Creates the no-op lock for a key (used in messages only). */
    public NoMigrationLock(LockKey key) {
        this.key = key;
    }

    @Override
    public Optional<LockLease> acquireUnlessDone(Duration timeout, LockObserver observer, BooleanSupplier done) {
        return Optional.of(new LockLease() {
            @Override
            public LockKey key() {
                return key;
            }

            @Override
            public Duration waited() {
                return Duration.ZERO;
            }

            @Override
            public void ensureHeld() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public LockStatus status() {
        return new LockStatus(key.toString(), false, null, null, null, null);
    }

    @Override
    public LockStatus forceRelease() {
        return status();
    }
}
