package io.msr.internal.dialect;

import io.msr.ConnectionException;
import io.msr.MsrSettings;
import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.LockLease;
import io.msr.internal.lock.LockObserver;
import io.msr.internal.lock.MigrationLock;
import io.msr.internal.lock.MigrationLockContract;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link PostgresAdvisoryLock} passes the migration lock contract. */
@WithPostgres
class PostgresAdvisoryLockTest extends MigrationLockContract {

    final TestDatabase db;
    private final Dialect dialect = new PostgresDialect("15");
    private final AtomicInteger tables = new AtomicInteger();

    PostgresAdvisoryLockTest(TestDatabase db) {
        this.db = db;
    }

    /** Where the lock's connections come from: new sessions, closed for good when the lock closes them. */
    ConnectionFactory connections(TestDatabase db) {
        return db::connect;
    }

    @Override
    protected MigrationLock lock(LockKey key) {
        return dialect.lock(connections(db), key, new DeadClientDetection(MsrSettings.DEFAULT_DEAD_CLIENT_TIMEOUT));
    }

    @Override
    protected LockKey newKey() {
        return dialect.lockKey(db.name(), "contract", "history_" + tables.incrementAndGet());
    }

    @Override
    protected AutoCloseable holdOutsideMsr(LockKey key, String applicationName) throws Exception {
        Connection session = db.connect();
        try (Statement statement = session.createStatement()) {
            statement.execute("set application_name = '" + applicationName + "'");
            statement.execute("select pg_advisory_lock(" + key.namespace() + ", " + key.key() + ")");
        }
        return session;
    }

    @Override
    protected void terminate(int pid) {
        db.terminateSession(pid);
    }

    @Override
    protected boolean inTransaction(int pid) {
        return !"idle".equals(db.queryForObject("select state from pg_stat_activity where pid = " + pid, String.class));
    }

    @Test
    void theHeldConditionIsTrueFromAnotherSessionWhileHeldAndFalseOnceTheLockSessionIsGone() {
        // negative halves too: pg_locks shows them as unsigned oids
        for (LockKey key : new LockKey[] {newKey(), new LockKey(-2, Integer.MIN_VALUE + 1, "negative halves")}) {
            LockLease lease = lock(key).acquire(Duration.ZERO, LockObserver.NONE);
            String held = "select " + lease.heldCondition();
            assertThat(db.queryForObject(held, Boolean.class)).isTrue();
            assertThatCode(() -> lease.ensureHeld(true)).doesNotThrowAnyException();

            terminate(lock(key).status().holderPid());
            assertThat(db.queryForObject(held, Boolean.class)).isFalse();
            assertThat(catchThrowableOfType(ConnectionException.class, () -> lease.ensureHeld(false)).getMessage())
                    .contains("was lost").contains(key.toString());
            lease.close();
        }
    }

    @Test
    void statusFindsTheHolderOfAKeyWhoseHalvesAreNegative() {
        LockKey key = new LockKey(-1, Integer.MIN_VALUE, "negative halves");
        try (LockLease lease = lock(key).acquire(Duration.ZERO, LockObserver.NONE)) {
            assertThat(lock(key).status().key()).isEqualTo(lease.key().toString());
            assertThat(lock(key).status().held()).isTrue();
        }
    }
}
