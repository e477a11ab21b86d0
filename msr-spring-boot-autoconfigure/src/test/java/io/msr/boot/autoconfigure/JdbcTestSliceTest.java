package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code @JdbcTest} slice on a real PostgreSQL: MSR is part of the slice and migrates before the test runs. */
// Flyway and Liquibase are on this module's test class path (to test that MSR refuses to run beside them): off here.
@JdbcTest(properties = {"spring.flyway.enabled=false", "spring.liquibase.enabled=false"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcTestSliceTest {

    private static final TestDatabase db = PostgresServer.shared().createDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("msr.locations", () -> "classpath:db/slice");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Autowired
    private ApplicationContext context;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void theMigrationsAreAppliedBeforeTheTestRuns() {
        assertThat(jdbc.sql("select text from greetings").query(String.class).single()).isEqualTo("hello");
        assertThat(jdbc.sql("select version from msr_schema_history").query(Long.class).list()).containsExactly(1L);
    }

    @Test
    void theSliceMigratesOnStartInsteadOfVerifying() {
        assertThat(context.getBeansOfType(MigrateOnStartInitializer.class)).hasSize(1);
        assertThat(context.getBeansOfType(SchemaMonitor.class)).isEmpty();
    }

    @SpringBootConfiguration
    static class Application {
    }
}
