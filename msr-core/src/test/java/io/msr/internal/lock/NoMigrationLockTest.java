package io.msr.internal.lock;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The lock used when locking is off excludes nobody, touches no database and never fails. */
class NoMigrationLockTest {

    private final LockKey key = new LockKey(1, 2, "app.public.msr_schema_history");
    private final MigrationLock lock = new NoMigrationLock(key);

    @Test
    void everyRunnerAcquiresAtOnceAndTheLeaseIsNeverLost() {
        try (LockLease first = lock.acquire(Duration.ZERO, LockObserver.NONE);
             LockLease second = lock.acquire(Duration.ZERO, LockObserver.NONE)) {
            assertThat(second.key()).isEqualTo(key);
            assertThat(second.waited()).isZero();
            assertThatCode(first::ensureHeld).doesNotThrowAnyException();
        }
    }

    @Test
    void reportsTheLockAsNotHeldAndReleasingDoesNothing() {
        assertThat(lock.status().held()).isFalse();
        assertThat(lock.status().key()).isEqualTo(key.toString());
        assertThat(lock.forceRelease().held()).isFalse();
    }
}
