package io.msr.internal.backup;

import org.jspecify.annotations.Nullable;

/**
 * The JDBC URL and credentials of the migration database, for tools that connect on their own ({@code pg_dump},
 * {@code pg_restore}). {@link #toString()} never shows the password.
 *
 * @param jdbcUrl  the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/app?sslmode=require}
 * @param user     the user, or null to take it from the URL
 * @param password the password, or null to take it from the URL (or none)
 */
public record ConnectionDetails(String jdbcUrl, @Nullable String user, @Nullable String password) {

    @Override
    public String toString() {
        return "ConnectionDetails[" + io.msr.Redaction.redact(jdbcUrl, password) + ", user=" + user + "]";
    }
}
