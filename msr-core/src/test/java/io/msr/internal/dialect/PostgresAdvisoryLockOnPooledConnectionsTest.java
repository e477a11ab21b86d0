package io.msr.internal.dialect;

import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.test.TestDatabase;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.LockLease;
import io.msr.internal.lock.LockObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostgresAdvisoryLock} passes the migration lock contract also on pooled connections, as the Spring starter
 * gives it when it borrows the application's DataSource: closing such a connection returns it to the pool and keeps
 * its session, and with it any session lock, alive.
 */
class PostgresAdvisoryLockOnPooledConnectionsTest extends PostgresAdvisoryLockTest {

    private final List<Connection> pool = new CopyOnWriteArrayList<>();

    PostgresAdvisoryLockOnPooledConnectionsTest(TestDatabase db) {
        super(db);
    }

    @Override
    ConnectionFactory connections(TestDatabase db) {
        return () -> {
            Connection session = db.connect();
            pool.add(session);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(session, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
    }

    @Test
    void givesThePooledSessionBackAsItCameWithoutTheLock() throws SQLException {
        LockKey key = newKey();
        try (LockLease lease = lock(key).acquire(Duration.ZERO, LockObserver.NONE)) {
            assertThat(lease.key()).isEqualTo(key);
        }
        Connection session = pool.get(0);
        try (Statement statement = session.createStatement();
             ResultSet result = statement.executeQuery("select current_setting('application_name'),"
                     + " (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid())")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("PostgreSQL JDBC Driver");
            assertThat(result.getLong(2)).isZero();
        }
        assertThat(session.getAutoCommit()).isTrue();
    }

    @AfterEach
    void closeThePool() throws SQLException {
        for (Connection session : pool) {
            session.close();
        }
    }
}
