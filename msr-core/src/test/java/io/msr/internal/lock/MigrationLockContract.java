package io.msr.internal.lock;

import io.msr.ConfigurationException;
import io.msr.ConnectionException;
import io.msr.LockStatus;
import io.msr.LockTimeoutException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The contract every {@link MigrationLock} must pass, on a real database, as {@link MigrationLock},
 * {@link LockLease} and {@link LockObserver} state it (ShedLock style: an implementation extends this class and
 * supplies the lock and a few probes). Each test uses a key of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("try") // many leases are only held for the length of their block
public abstract class MigrationLockContract {

    private static final Duration LONG = Duration.ofSeconds(20);

    /** Returns a new instance of the lock under test for {@code key}, opening connections of its own. */
    protected abstract MigrationLock lock(LockKey key);

    /** Returns a key that no other test uses. */
    protected abstract LockKey newKey();

    /**
     * Takes the lock from a session that is not MSR's, named {@code applicationName} (as {@code psql} or another tool
     * would); closing the result ends that session.
     */
    protected abstract AutoCloseable holdOutsideMsr(LockKey key, String applicationName) throws Exception;

    /** Ends the session with this process id as an operator would, and waits until the database has removed it. */
    protected abstract void terminate(int pid);

    /** Returns true when the session with this process id is inside a transaction. */
    protected abstract boolean inTransaction(int pid);

    /** Records what the lock tells its observer. */
    private static final class Recorder implements LockObserver {
        final List<LockStatus> waiting = new CopyOnWriteArrayList<>();
        final AtomicInteger acquired = new AtomicInteger();

        @Override
        public void waiting(LockStatus holder, Duration waited) {
            assertThat(acquired).as("waiting after acquired").hasValue(0);
            waiting.add(holder);
        }

        @Override
        public void acquired(LockKey key, Duration waited) {
            acquired.incrementAndGet();
        }
    }

    private void awaitFree(MigrationLock lock) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (lock.status().held()) {
            assertThat(System.nanoTime()).as("the lock became free").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    public void acquiresAFreeLockAtOnceShowsItsHolderAndReleasesItOnClose() {
        LockKey key = newKey();
        MigrationLock lock = lock(key);
        assertThat(lock.status().held()).isFalse();
        Recorder observer = new Recorder();
        try (LockLease lease = lock.acquire(LONG, observer)) {
            assertThat(lease.key()).isEqualTo(key);
            assertThat(lease.waited()).isLessThan(Duration.ofSeconds(5));
            assertThat(observer.acquired).hasValue(1);
            assertThat(observer.waiting).isEmpty();
            LockStatus status = lock(key).status();
            assertThat(status.held()).isTrue();
            assertThat(status.key()).isEqualTo(key.toString());
            assertThat(status.holderPid()).isNotNull();
            assertThat(status.heldByMsrRunner()).as(status.applicationName()).isTrue();
            assertThat(status.connectedSince()).isNotNull();
            assertThatCode(lease::ensureHeld).doesNotThrowAnyException();
        }
        assertThat(lock.status().held()).isFalse();
        try (LockLease again = lock.acquire(LONG, LockObserver.NONE)) {
            assertThat(lock.status().held()).isTrue();
        }
    }

    @Test
    public void aSecondAcquirerWaitsHearsOfTheHolderAndTimesOutNamingIt() {
        LockKey key = newKey();
        MigrationLock lock = lock(key);
        try (LockLease held = lock.acquire(LONG, LockObserver.NONE)) {
            LockStatus holder = lock.status();
            Recorder observer = new Recorder();
            long start = System.nanoTime();
            LockTimeoutException error = thrown(LockTimeoutException.class,
                    () -> lock.acquire(Duration.ofMillis(400), observer));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).isBetween(Duration.ofMillis(400), Duration.ofSeconds(10));
            assertThat(error.getMessage()).contains(key.toString()).contains(holder.applicationName())
                    .contains(String.valueOf(holder.holderPid()));
            assertThat(observer.waiting).isNotEmpty().allSatisfy(status -> {
                assertThat(status.held()).isTrue();
                assertThat(status.holderPid()).isEqualTo(holder.holderPid());
            });
            assertThat(observer.acquired).hasValue(0);
            assertThat(lock.status().holderPid()).as("the holder kept the lock").isEqualTo(holder.holderPid());
            held.ensureHeld();
        }
    }

    @Test
    public void aZeroTimeoutTriesOnce() {
        LockKey key = newKey();
        try (LockLease held = lock(key).acquire(LONG, LockObserver.NONE)) {
            long start = System.nanoTime();
            thrown(LockTimeoutException.class, () -> lock(key).acquire(Duration.ZERO, LockObserver.NONE));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    public void aWaitingAcquirerGetsTheLockSoonAfterTheHolderReleasesIt() throws Exception {
        LockKey key = newKey();
        Recorder observer = new Recorder();
        CompletableFuture<LockLease> second;
        try (LockLease first = lock(key).acquire(LONG, LockObserver.NONE)) {
            second = CompletableFuture.supplyAsync(() -> lock(key).acquire(LONG, observer));
            Thread.sleep(300);
            assertThat(second).isNotDone();
        }
        long released = System.nanoTime();
        try (LockLease lease = second.get(30, TimeUnit.SECONDS)) {
            assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofSeconds(2));
            assertThat(observer.waiting).as("it waited").isNotEmpty();
            assertThat(lease.waited()).isGreaterThan(Duration.ZERO);
            assertThat(observer.acquired).hasValue(1);
        }
    }

    @Test
    public void aWaiterStopsWithoutTheLockOnceItsWorkIsDoneAndAFreeLockIsTakenWithoutAsking() {
        LockKey key = newKey();
        MigrationLock lock = lock(key);
        AtomicInteger askedWhileFree = new AtomicInteger();
        try (LockLease held = lock.acquireUnlessDone(LONG, LockObserver.NONE,
                () -> askedWhileFree.incrementAndGet() > 0).orElseThrow()) {
            assertThat(askedWhileFree).hasValue(0);
            LockStatus holder = lock.status();
            Recorder observer = new Recorder();
            AtomicInteger asked = new AtomicInteger();
            Optional<LockLease> waiter = lock(key).acquireUnlessDone(LONG, new LockObserver() {
                @Override
                public void waiting(LockStatus status, Duration waited) {
                    assertThat(asked).as("heard of the holder before being asked").hasValue(0);
                    observer.waiting(status, waited);
                }
            }, () -> asked.incrementAndGet() == 3);
            assertThat(waiter).isEmpty();
            assertThat(asked).hasValue(3);
            assertThat(observer.waiting).isNotEmpty();
            assertThat(lock.status().holderPid()).as("the holder kept the lock").isEqualTo(holder.holderPid());
            held.ensureHeld();
        }
    }

    @Test
    public void locksOfDifferentKeysDoNotExcludeEachOther() {
        try (LockLease first = lock(newKey()).acquire(LONG, LockObserver.NONE);
             LockLease second = lock(newKey()).acquire(Duration.ZERO, LockObserver.NONE)) {
            assertThat(second.waited()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    public void statusTakesNothing() {
        LockKey key = newKey();
        MigrationLock lock = lock(key);
        assertThat(lock.status().held()).isFalse();
        assertThat(lock.status().holderPid()).isNull();
        try (LockLease lease = lock(key).acquire(Duration.ZERO, LockObserver.NONE)) {
            assertThat(lock.status().held()).isTrue();
        }
    }

    @Test
    public void theLockConnectionStaysIdleOutsideATransaction() throws Exception {
        LockKey key = newKey();
        try (LockLease lease = lock(key).acquire(LONG, LockObserver.NONE)) {
            int pid = lock(key).status().holderPid();
            assertThat(inTransaction(pid)).isFalse();
            lease.ensureHeld();
            assertThat(inTransaction(pid)).isFalse();
        }
    }

    @Test
    public void ensureHeldFailsOnceTheLockSessionIsTerminatedAndTheLockIsFreeForOthers() throws Exception {
        LockKey key = newKey();
        MigrationLock lock = lock(key);
        LockLease lease = lock.acquire(LONG, LockObserver.NONE);
        terminate(lock.status().holderPid());
        awaitFree(lock);
        ConnectionException error = thrown(ConnectionException.class, lease::ensureHeld);
        assertThat(error.getMessage()).contains(key.toString());
        assertThatCode(lease::close).doesNotThrowAnyException();
        assertThatCode(lease::close).as("closing again").doesNotThrowAnyException();
        try (LockLease next = lock(key).acquire(Duration.ofSeconds(5), LockObserver.NONE)) {
            assertThat(next.waited()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    public void forceReleaseEndsTheSessionOfAnMsrHolder() throws Exception {
        LockKey key = newKey();
        try (LockLease lease = lock(key).acquire(LONG, LockObserver.NONE)) {
            LockStatus holder = lock(key).status();
            LockStatus released = lock(key).forceRelease();
            assertThat(released.held()).isTrue();
            assertThat(released.holderPid()).isEqualTo(holder.holderPid());
            awaitFree(lock(key));
            thrown(ConnectionException.class, lease::ensureHeld);
        }
    }

    @Test
    public void forceReleaseLeavesASessionThatIsNotAnMsrRunnerAlone() throws Exception {
        LockKey key = newKey();
        try (AutoCloseable psql = holdOutsideMsr(key, "psql")) {
            ConfigurationException error = thrown(ConfigurationException.class,
                    () -> lock(key).forceRelease());
            assertThat(error.getMessage()).contains(key.toString()).contains("psql").contains("not an MSR runner");
            Thread.sleep(100);
            LockStatus status = lock(key).status();
            assertThat(status.held()).isTrue();
            assertThat(status.applicationName()).isEqualTo("psql");
        }
        awaitFree(lock(key));
    }

    @Test
    public void forceReleaseOfAFreeLockDoesNothing() {
        LockStatus status = lock(newKey()).forceRelease();
        assertThat(status.held()).isFalse();
        assertThat(status.holderPid()).isNull();
    }

    @Test
    public void anObserverThatThrowsEndsTheWaitAndLeavesTheLockFree() throws Exception {
        LockKey key = newKey();
        MigrationLock lock = lock(key);
        IllegalStateException refused = new IllegalStateException("observer refused");
        LockObserver throwing = new LockObserver() {
            @Override
            public void acquired(LockKey acquiredKey, Duration waited) {
                throw refused;
            }
        };
        assertThat(thrown(IllegalStateException.class, () -> lock.acquire(LONG, throwing)))
                .isSameAs(refused);
        assertThat(lock.status().held()).as("released at once, not when the connection goes").isFalse();

        try (LockLease held = lock(key).acquire(LONG, LockObserver.NONE)) {
            LockObserver throwingWhileWaiting = new LockObserver() {
                @Override
                public void waiting(LockStatus holder, Duration waited) {
                    throw refused;
                }
            };
            assertThat(thrown(IllegalStateException.class, () -> lock.acquire(LONG,
                    throwingWhileWaiting))).isSameAs(refused);
        }
        awaitFree(lock);
    }

    @Test
    public void anInterruptedWaitEndsWithAConnectionExceptionAndKeepsTheInterrupt() throws Exception {
        LockKey key = newKey();
        try (LockLease held = lock(key).acquire(LONG, LockObserver.NONE)) {
            int holder = lock(key).status().holderPid();
            CompletableFuture<Boolean> interruptedAfterwards = CompletableFuture.supplyAsync(() -> {
                Thread.currentThread().interrupt();
                thrown(ConnectionException.class, () -> lock(key).acquire(LONG, LockObserver.NONE));
                return Thread.interrupted();
            });
            assertThat(interruptedAfterwards.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(lock(key).status().holderPid()).isEqualTo(holder);
        }
    }

    private static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
        T error = catchThrowableOfType(type, call);
        assertThat(error).as("expected a " + type.getSimpleName()).isNotNull();
        return error;
    }
}
