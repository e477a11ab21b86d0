package io.msr.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where MSR connects, when neither the application's DataSource nor {@code msr.datasource.*} should decide. A bean of
 * this type overrides both: MSR opens its own non-pooled connections with exactly these details, and pg_dump and
 * pg_restore receive them too. Useful when migration credentials come from a secret store at startup.
 *
 * <pre>{@code
 * @Bean
 * MsrConnectionDetails msrConnectionDetails(Vault vault) {
 *     return MsrConnectionDetails.of("jdbc:postgresql://db:5432/app", "migrator", vault.read("migrator"));
 * }
 * }</pre>
 */
public interface MsrConnectionDetails extends ConnectionDetails {

    /** Returns the JDBC URL of the database to migrate; never null. */
    String getJdbcUrl();

    /** Returns the user that runs migrations, or null to take it from the URL (or the driver's default). */
    default @Nullable String getUsername() {
        return null;
    }

    /** Returns that user's password, or null when the server needs none (trust, certificates, .pgpass). */
    default @Nullable String getPassword() {
        return null;
    }

    /** Returns fixed connection details. */
    static MsrConnectionDetails of(String jdbcUrl, String username, String password) {
        return new MsrConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return jdbcUrl;
            }

            @Override
            public String getUsername() {
                return username;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String toString() {
                return "MsrConnectionDetails[" + io.msr.Redaction.redact(jdbcUrl) + ", user " + username + "]";
            }
        };
    }
}
