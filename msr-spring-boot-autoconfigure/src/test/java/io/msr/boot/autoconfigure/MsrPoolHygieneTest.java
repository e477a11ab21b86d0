package io.msr.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.msr.JavaMigration;
import io.msr.MigrationContext;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.boot.autoconfigure.verify.SchemaState;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MSR leaves the application's connection pool as the pool handed its sessions out: application name, isolation,
 * autocommit and timeouts as configured, and no advisory lock, after migrate-on-start and after a verify refresh.
 * Migrations borrow from the pool either way; the lock has its own connection when the URL is known, and borrows
 * too when it is not (an opaque DataSource). MSR is
 * configured to change every one of those settings: serializable isolation, its own timeouts, and a migration
 * outside a transaction, whose timeouts are session-wide.
 */
@WithPostgres
class MsrPoolHygieneTest {

    private static final int POOL_SIZE = 3;

    private final TestDatabase db;
    private final ApplicationContextRunner runner;
    private HikariDataSource pool;

    MsrPoolHygieneTest(TestDatabase db) {
        this.db = db;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class))
                .withPropertyValues("msr.locations=classpath:db/none", "msr.isolation-level=serializable",
                        "msr.postgres.lock-timeout=3s", "msr.postgres.statement-timeout=4s");
    }

    @BeforeEach
    void startThePool() {
        pool = new HikariDataSource();
        pool.setJdbcUrl(db.jdbcUrl());
        pool.setUsername(db.username());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(POOL_SIZE);
        pool.addDataSourceProperty("ApplicationName", "app-pool");
        pool.setConnectionInitSql("select set_config('lock_timeout', '7s', false),"
                + " set_config('statement_timeout', '9s', false), set_config('tcp_keepalives_idle', '77', false)");
    }

    @AfterEach
    void closeThePool() {
        pool.close();
    }

    @Test
    void migrateOnStartNeverHoldsItsLockOnAPoolConnectionAndLeavesThePoolAsItWas() {
        String schema = db.freshSchema().name();
        runner.withBean("dataSource", HikariDataSource.class, () -> pool)
                .withBean(JavaMigration.class, () -> new V1_Watch_the_pool(pool, true))
                .withPropertyValues("msr.mode=migrate-on-start", "msr.schema=" + schema)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(db.queryForStrings("select description from " + schema + ".msr_schema_history"
                            + " where operation = 'UP'")).containsExactly("Watch the pool");
                    assertPoolAsConfigured();
                });
    }

    @Test
    void migrateOnStartGivesBorrowedConnectionsBackAsItGotThemAlsoWhenTheLockMustBorrowToo() {
        String schema = db.freshSchema().name();
        runner.withBean("dataSource", DataSource.class, () -> new DelegatingDataSource(pool))
                .withBean(JavaMigration.class, () -> new V1_Watch_the_pool(pool, false))
                .withPropertyValues("msr.mode=migrate-on-start", "msr.schema=" + schema)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(db.queryForStrings("select description from " + schema + ".msr_schema_history"
                            + " where operation = 'UP'")).containsExactly("Watch the pool");
                    assertPoolAsConfigured();
                });
    }

    @Test
    void aVerifyRefreshLeavesThePoolAsItWas() {
        runner.withBean("dataSource", HikariDataSource.class, () -> pool).run(context -> {
            assertThat(context.getBean(SchemaMonitor.class).refresh().status()).isEqualTo(SchemaState.Status.UP);
            assertPoolAsConfigured();
        });
    }

    @Test
    void aVerifyRefreshGivesBorrowedConnectionsBackAsItGotThemWhenItCannotTellTheUrl() {
        runner.withBean("dataSource", DataSource.class, () -> new DelegatingDataSource(pool)).run(context -> {
            assertThat(context.getBean(SchemaMonitor.class).refresh().status()).isEqualTo(SchemaState.Status.UP);
            assertPoolAsConfigured();
        });
    }

    /** Borrows every connection of the pool at once and checks each session is as the pool configures it. */
    private void assertPoolAsConfigured() throws SQLException {
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                all.add(pool.getConnection());
            }
            for (Connection connection : all) {
                assertThat(connection.getAutoCommit()).isTrue();
                assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("select current_setting('application_name'),"
                             + " current_setting('lock_timeout'), current_setting('statement_timeout'),"
                             + " current_setting('default_transaction_isolation'), (select count(*) from pg_locks"
                             + " where locktype = 'advisory' and pid = pg_backend_pid()),"
                             + " current_setting('tcp_keepalives_idle'), current_setting('tcp_user_timeout'),"
                             + " current_setting('client_connection_check_interval')")) {
                    result.next();
                    assertThat(result.getString(1)).isEqualTo("app-pool");
                    assertThat(result.getString(2)).isEqualTo("7s");
                    assertThat(result.getString(3)).isEqualTo("9s");
                    assertThat(result.getString(4)).isEqualTo("read committed");
                    assertThat(result.getLong(5)).isZero();
                    // MSR's dead-client settings are its own sessions' only.
                    assertThat(result.getString(6)).isEqualTo("77");
                    assertThat(result.getString(7)).isEqualTo("0");
                    assertThat(result.getString(8)).isEqualTo("0");
                }
            }
        } finally {
            for (Connection connection : all) {
                connection.close();
            }
        }
    }

    /**
     * Runs outside a transaction (session-wide timeouts). When MSR knows the URL, it checks, while MSR holds its
     * lock, that no connection of the pool (the migration connection included) holds it.
     */
    static final class V1_Watch_the_pool implements JavaMigration {

        private final DataSource pool;
        private final boolean poolMustBeFree;

        V1_Watch_the_pool(DataSource pool, boolean poolMustBeFree) {
            this.pool = pool;
            this.poolMustBeFree = poolMustBeFree;
        }

        @Override
        public boolean transactional() {
            return false;
        }

        @Override
        public void up(MigrationContext context) throws Exception {
            if (!poolMustBeFree) {
                return;
            }
            Set<Integer> lockHolders = pids(context.connection(), "select pid from pg_locks where locktype = 'advisory'"
                    + " and granted and database = (select oid from pg_database where datname = current_database())");
            assertThat(lockHolders).as("the MSR lock is held").isNotEmpty();
            List<Connection> all = new ArrayList<>();
            try {
                // The migration connection is one of the pool's; the others are free to borrow.
                Set<Integer> poolPids = new HashSet<>(pids(context.connection(), "select pg_backend_pid()"));
                for (int i = 1; i < POOL_SIZE; i++) {
                    Connection connection = pool.getConnection();
                    all.add(connection);
                    poolPids.addAll(pids(connection, "select pg_backend_pid()"));
                }
                assertThat(poolPids).hasSize(POOL_SIZE).doesNotContainAnyElementsOf(lockHolders);
            } finally {
                for (Connection connection : all) {
                    connection.close();
                }
            }
        }

        private static Set<Integer> pids(Connection connection, String sql) throws SQLException {
            Set<Integer> pids = new HashSet<>();
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    pids.add(result.getInt(1));
                }
            }
            return pids;
        }
    }
}
