package io.msr;

import io.msr.test.CountingSocketFactory;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What verify mode's refresh costs the database: the statements one {@link Msr#info()} sends on an existing history,
 * counted on the wire ({@link CountingSocketFactory}), over one pooled connection as a replica's pool hands it out.
 */
@WithPostgres
class InfoQueriesTest {

    /**
     * The statements an info() sends once the engine has read the schema before, with {@code msr.schema} set: the
     * history's rows (without it, {@code current_schema()} comes first).
     */
    static final int STATEMENTS_PER_REFRESH = 1;

    @TempDir
    Path dir;

    private final TestDatabase db;

    InfoQueriesTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aRefreshOfAnExistingHistorySendsFewStatements() throws Exception {
        String schema = db.freshSchema().name();
        MigrationFolder folder = new MigrationFolder(dir);
        for (int v = 1; v <= 20; v++) {
            folder.write("V" + v + "_t.up.sql", "create table " + schema + ".t" + v + " (id int);");
        }
        MsrSettings settings = folder.settings().schema(schema).build();
        folder.msr(db, settings).migrate();
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                + "sslmode=disable&socketFactory=" + CountingSocketFactory.class.getName();
        try (Connection physical = DriverManager.getConnection(url, db.username(), db.password())) {
            Msr msr = Msr.builder().dataSource(pooled(physical)).settings(settings).build();
            int start = CountingSocketFactory.statements();
            InfoResult first = msr.info();
            int firstCount = CountingSocketFactory.statements() - start;
            int before = CountingSocketFactory.statements();
            InfoResult second = msr.info();
            int perRefresh = CountingSocketFactory.statements() - before;
            System.out.printf("info() statements: first %d, then %d per refresh%n", firstCount, perRefresh);
            assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion()).isEqualTo(Version.of(20));
            assertThat(second.history()).hasSize(20);
            assertThat(perRefresh).isPositive().isLessThanOrEqualTo(STATEMENTS_PER_REFRESH);
        }
    }

    @Test
    void aHistoryTableDroppedSinceTheLastReadIsReportedAbsentAndSeenAgainOnceCreated() throws Exception {
        String schema = db.freshSchema().name();
        MigrationFolder folder = new MigrationFolder(dir);
        folder.write("V1_t.up.sql", "create table " + schema + ".t1 (id int);");
        MsrSettings settings = folder.settings().schema(schema).build();
        Msr msr = folder.msr(db, settings);
        msr.migrate();
        assertThat(msr.info().historyExists()).isTrue();

        db.execute("drop table " + schema + ".msr_schema_history");
        db.execute("drop table " + schema + ".t1");
        InfoResult dropped = msr.info();
        assertThat(dropped.historyExists()).isFalse();
        assertThat(dropped.schemaVersion()).isNull();

        assertThat(msr.migrate().executed()).hasSize(1);
        assertThat(msr.info().schemaVersion()).isEqualTo(Version.of(1));
        db.execute("drop schema " + schema + " cascade");
        assertThat(msr.info().historyExists()).isFalse();
        db.execute("create schema " + schema);
        assertThat(msr.migrate().executed()).hasSize(1);
        assertThat(msr.info().schemaVersion()).isEqualTo(Version.of(1));
    }

    /** A DataSource handing out the same session each time, whose close() gives it back as a pool's does. */
    private static DataSource pooled(Connection physical) {
        Connection borrowed = (Connection) Proxy.newProxyInstance(InfoQueriesTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return false;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return borrowed;
            }

            @Override
            public Connection getConnection(String username, String password) {
                return borrowed;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
