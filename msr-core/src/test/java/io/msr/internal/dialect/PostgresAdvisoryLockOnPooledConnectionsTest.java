package io.msr.internal.dialect;

import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    @AfterEach
    void closeThePool() throws SQLException {
        for (Connection session : pool) {
            session.close();
        }
    }
}
