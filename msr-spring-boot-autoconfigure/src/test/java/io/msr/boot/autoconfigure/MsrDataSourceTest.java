package io.msr.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.msr.Msr;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.boot.autoconfigure.verify.SchemaState;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which database MSR migrates and how it connects: Boot's JdbcConnectionDetails, msr.datasource.* combined with
 * them, an MsrConnectionDetails bean, and the choice between several DataSources. A database nobody can reach
 * stands for "the wrong one": the context only works when MSR picked the right one.
 */
@WithPostgres
class MsrDataSourceTest {

    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2";
    private static final String NO_SUCH_ROLE = "msr_no_such_role";

    private final TestDatabase db;
    private final ApplicationContextRunner runner;

    MsrDataSourceTest(TestDatabase db) {
        this.db = db;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("msr.locations=classpath:db/none");
    }

    @Test
    void connectsWithBootsJdbcConnectionDetailsAsServiceConnectionsProvideThem() {
        runner.withBean(JdbcConnectionDetails.class, () -> details(db.jdbcUrl(), db.username(), db.password()))
                .withPropertyValues("spring.datasource.url=" + NOWHERE)
                .run(context -> assertThat(context.getBean(SchemaMonitor.class).current().status())
                        .isEqualTo(SchemaState.Status.UP));
    }

    @Test
    void takesTheMigrationUserFromMsrDatasourceAndTheRestFromTheJdbcConnectionDetails() {
        runner.withBean(JdbcConnectionDetails.class, () -> details(db.jdbcUrl(), NO_SUCH_ROLE, db.password()))
                .withPropertyValues("msr.datasource.username=" + db.username())
                .run(context -> assertThat(context.getBean(Msr.class).info().historyExists()).isFalse());
    }

    @Test
    void takesTheMigrationUrlFromMsrDatasourceAndTheCredentialsFromTheJdbcConnectionDetails() {
        runner.withBean(JdbcConnectionDetails.class, () -> details(NOWHERE, db.username(), db.password()))
                .withPropertyValues("msr.datasource.url=" + db.jdbcUrl())
                .run(context -> assertThat(context.getBean(Msr.class).info().historyExists()).isFalse());
    }

    @Test
    void anMsrConnectionDetailsBeanOverridesTheJdbcConnectionDetailsAndMsrDatasource() {
        runner.withBean(JdbcConnectionDetails.class, () -> details(NOWHERE, NO_SUCH_ROLE, "wrong"))
                .withBean(MsrConnectionDetails.class,
                        () -> MsrConnectionDetails.of(db.jdbcUrl(), db.username(), db.password()))
                .withPropertyValues("msr.datasource.url=" + NOWHERE, "msr.datasource.username=" + NO_SUCH_ROLE)
                .run(context -> assertThat(context.getBean(Msr.class).info().historyExists()).isFalse());
    }

    @Test
    void anMsrConnectionDetailsBeanIsEnoughWithoutAnyDataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MsrAutoConfiguration.class))
                .withPropertyValues("msr.locations=classpath:db/none", "msr.mode=migrate-on-start")
                .withBean(MsrConnectionDetails.class,
                        () -> MsrConnectionDetails.of(db.jdbcUrl(), db.username(), db.password()))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(MigrateOnStartInitializer.class));
    }

    @Test
    void failsWithSeveralDataSourcesNamingThemAndTheWayOut() {
        runner.withUserConfiguration(TwoDataSources.class).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MsrFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("2 DataSource beans").contains("ordersDataSource")
                    .contains("usersDataSource");
            assertThat(analysis.getAction()).contains("@MsrDataSource").contains("@Primary")
                    .contains("msr.datasource.url");
        });
    }

    @Test
    void migratesTheDataSourceMarkedMsrDataSourceAmongSeveral() {
        runner.withUserConfiguration(TwoDataSources.class)
                .withBean("migrationDataSource", HikariDataSource.class,
                        () -> hikari(db.jdbcUrl(), db.username(), db.password()),
                        definition -> ((AbstractBeanDefinition) definition)
                                .addQualifier(new AutowireCandidateQualifier(MsrDataSource.class)))
                .run(context -> assertThat(context.getBean(SchemaMonitor.class).current().status())
                        .isEqualTo(SchemaState.Status.UP));
    }

    @Test
    void migratesThePrimaryDataSourceAmongSeveral() {
        runner.withUserConfiguration(TwoDataSources.class)
                .withBean("mainDataSource", HikariDataSource.class,
                        () -> hikari(db.jdbcUrl(), db.username(), db.password()),
                        definition -> definition.setPrimary(true))
                .run(context -> assertThat(context.getBean(SchemaMonitor.class).current().status())
                        .isEqualTo(SchemaState.Status.UP));
    }

    @Test
    void severalDataSourcesAreNoErrorWhenMsrHasItsOwnUrl() {
        runner.withUserConfiguration(TwoDataSources.class)
                .withPropertyValues("msr.datasource.url=" + db.jdbcUrl(), "msr.datasource.username=" + db.username())
                .run(context -> assertThat(context.getBean(Msr.class).info().historyExists()).isFalse());
    }

    @Test
    void borrowsFromADataSourceWhoseUrlItCannotTell() {
        runner.withBean("opaqueDataSource", DataSource.class, () -> new DelegatingDataSource(db.dataSource()))
                .run(context -> assertThat(context.getBean(Msr.class).info().historyExists()).isFalse());
    }

    @Test
    void refusesMigrationCredentialsItCannotCombineWithAUrl() {
        runner.withBean("opaqueDataSource", DataSource.class, () -> new DelegatingDataSource(db.dataSource()))
                .withPropertyValues("msr.datasource.username=" + db.username(), "msr.mode=migrate-on-start")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(new MsrFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                            .contains("msr.datasource.username is set").contains("msr.datasource.url");
                });
    }

    private static JdbcConnectionDetails details(String url, String username, String password) {
        return new JdbcConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return url;
            }

            @Override
            public String getUsername() {
                return username;
            }

            @Override
            public String getPassword() {
                return password;
            }
        };
    }

    private static HikariDataSource hikari(String url, String username, String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        return dataSource;
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        HikariDataSource ordersDataSource() {
            return hikari(NOWHERE, NO_SUCH_ROLE, "wrong");
        }

        @Bean
        HikariDataSource usersDataSource() {
            return hikari(NOWHERE, NO_SUCH_ROLE, "wrong");
        }
    }
}
