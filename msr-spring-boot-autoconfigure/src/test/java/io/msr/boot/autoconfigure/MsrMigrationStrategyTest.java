package io.msr.boot.autoconfigure;

import io.msr.JavaMigration;
import io.msr.MigrationContext;
import io.msr.Msr;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@link MsrMigrationStrategy} bean replaces what migrate-on-start does. */
@WithPostgres
class MsrMigrationStrategyTest {

    private final ApplicationContextRunner runner;

    MsrMigrationStrategyTest(TestDatabase db) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.locations=classpath:db/none",
                        "msr.mode=migrate-on-start", "msr.schema=" + db.freshSchema().name())
                .withBean(JavaMigration.class, V1_Pending::new);
    }

    @Test
    void migrateOnStartRunsTheStrategyBeanInsteadOfMigrating() {
        List<Msr> called = new ArrayList<>();
        runner.withBean(MsrMigrationStrategy.class, () -> called::add).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(called).containsExactly(context.getBean(Msr.class));
            assertThat(context.getBean(Msr.class).info().historyExists()).isFalse();
        });
    }

    @Test
    void migrateOnStartMigratesWithoutAStrategyBean() {
        runner.run(context -> assertThat(context.getBean(Msr.class).info().historyExists()).isTrue());
    }

    @Test
    void aFailingStrategyFailsStartup() {
        runner.withBean(MsrMigrationStrategy.class, () -> msr -> {
            throw new IllegalStateException("not in this environment");
        }).run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessage("not in this environment"));
    }

    @Test
    void isIgnoredOutsideMigrateOnStart() {
        List<Msr> called = new ArrayList<>();
        runner.withPropertyValues("msr.mode=verify").withBean(MsrMigrationStrategy.class, () -> called::add)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(MigrateOnStartInitializer.class);
                    assertThat(called).isEmpty();
                });
    }

    /** Something to migrate, so that migrating leaves a history table behind. */
    static final class V1_Pending implements JavaMigration {
        @Override
        public void up(MigrationContext context) {
        }
    }
}
