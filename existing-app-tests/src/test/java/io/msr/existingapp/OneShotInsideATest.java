package io.msr.existingapp;

import io.msr.MigrationFailedException;
import io.msr.MsrException;
import io.msr.OperationResult;
import io.msr.boot.autoconfigure.OneShotResult;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A one-shot mode inside a test never ends the test JVM: success is a {@link OneShotResult} bean, failure a
 * startup failure with the {@link MsrException} in its cause chain.
 */
class OneShotInsideATest {

    private static final TestDatabase DB = PostgresServer.shared().createDatabase();
    private static final AuditDatabase AUDIT = new AuditDatabase();

    @AfterAll
    static void dropDatabases() throws Exception {
        DB.close();
        AUDIT.close();
    }

    @Nested
    @SpringBootTest(properties = "msr.mode=migrate")
    class Succeeding {

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", DB::jdbcUrl);
            registry.add("spring.datasource.username", DB::username);
            registry.add("spring.datasource.password", DB::password);
            registry.add("app.audit.datasource.url", AUDIT.db()::jdbcUrl);
            registry.add("app.audit.datasource.username", AUDIT.db()::username);
            registry.add("app.audit.datasource.password", AUDIT.db()::password);
        }

        @Autowired
        OneShotResult result;

        @Autowired
        GreetingRepository greetings;

        @Test
        void migratesAndReportsTheResultAsABean() {
            assertThat(result.exitCode()).isZero();
            assertThat(result.result(OperationResult.class).success()).isTrue();
            assertThat(greetings.count()).isEqualTo(1);
            AUDIT.assertUntouchedByMsr();
        }
    }

    @Test
    void aFailedMigrationFailsStartupWithTheMsrException(@TempDir Path extra) throws Exception {
        TestDatabase db = PostgresServer.shared().createDatabase();
        try {
            Files.writeString(extra.resolve("V2_broken.up.sql"), "select * from no_such_table;\n");

            Throwable failure = catchThrowable(() -> new SpringApplication(ExistingApplication.class).run(
                    "--msr.mode=migrate", "--spring.datasource.url=" + db.jdbcUrl(),
                    "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                    "--msr.locations=classpath:db/msr,filesystem:" + extra));

            MsrException msr = Stream.iterate(failure, cause -> cause != null, Throwable::getCause)
                    .filter(MsrException.class::isInstance).map(MsrException.class::cast).findFirst().orElseThrow();
            assertThat(msr).isInstanceOf(MigrationFailedException.class);
            assertThat(msr.exitCode().code()).isEqualTo(3);
            assertThat(msr.result()).get().extracting(OperationResult::success).isEqualTo(false);
        } finally {
            db.close();
        }
    }
}
