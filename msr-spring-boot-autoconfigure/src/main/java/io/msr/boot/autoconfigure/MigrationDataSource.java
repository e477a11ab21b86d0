package io.msr.boot.autoconfigure;

import io.msr.Msr;
import io.msr.Redaction;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.util.function.Supplier;

/**
 * Chooses the database connection MSR uses: its own credentials ({@code msr.datasource.*}, any subset, the rest
 * taken from {@code spring.datasource.*}) on non-pooled connections, or else the application's DataSource. Either
 * way the URL and credentials are also given to the engine for pg_dump and pg_restore, which connect on their own.
 */
final class MigrationDataSource {

    private MigrationDataSource() {
    }

    /**
     * Configures the builder's connection. The application's DataSource is only looked up (and so only created)
     * when MSR has no URL of its own.
     */
    static Msr.Builder configure(Msr.Builder builder, MsrProperties.Datasource own, Environment environment,
            Supplier<DataSource> application) {
        if (own.isConfigured()) {
            String url = own.getUrl() != null ? own.getUrl() : environment.getProperty("spring.datasource.url");
            if (url != null) {
                String username = own.getUsername() != null ? own.getUsername()
                        : environment.getProperty("spring.datasource.username");
                String password = own.getPassword() != null ? own.getPassword()
                        : environment.getProperty("spring.datasource.password");
                return builder.url(url, username, password);
            }
        }
        String url = environment.getProperty("spring.datasource.url");
        String description = url == null ? "the application's DataSource" : Redaction.redact(url);
        String username = environment.getProperty("spring.datasource.username");
        if (url != null) {
            builder.connectionDetails(url, username, environment.getProperty("spring.datasource.password"));
        }
        return builder.dataSource(application.get(), username == null ? description : description + " as user '" + username + "'");
    }
}
