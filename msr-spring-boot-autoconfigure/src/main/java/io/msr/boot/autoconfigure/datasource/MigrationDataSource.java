package io.msr.boot.autoconfigure.datasource;

import io.msr.ConfigurationException;
import io.msr.Msr;
import org.jspecify.annotations.Nullable;

/**
 * Decides where MSR connects. An {@code MsrConnectionDetails} bean decides alone. Otherwise each part
 * ({@code msr.datasource.url}, {@code .username}, {@code .password}) is taken from the properties when set and from
 * the {@link ApplicationDataSource application's database} when not; a part set in the properties is never dropped.
 * With parts of its own (or no DataSource at all) MSR opens only its own non-pooled connections. Otherwise
 * migrations run on connections borrowed from the application's DataSource, so they see the sessions the pool
 * configures (init SQL, search_path, driver properties), and the engine gives them back as it got them; the lock's
 * connection is MSR's own, opened from the URL, whenever the URL is known. pg_dump and pg_restore get the same
 * details.
 */
public final class MigrationDataSource {

    private final Connection own;
    private final @Nullable Connection details;
    private final ApplicationDataSource application;

    /**
     * @param own         the {@code msr.datasource.*} properties
     * @param details     the details of the {@code MsrConnectionDetails} bean, or null
     * @param application the application's database, looked up only when a part is missing
     */
    public MigrationDataSource(Connection own, @Nullable Connection details, ApplicationDataSource application) {
        this.own = own;
        this.details = details;
        this.application = application;
    }

    /** A URL, user name and password, each null when not set. */
    public record Connection(@Nullable String url, @Nullable String username, @Nullable String password) {
    }

    /** Configures the builder's connection; throws when a part set in {@code msr.datasource.*} cannot be used. */
    public Msr.Builder configure(Msr.Builder builder) {
        if (details != null) {
            return builder.url(details.url(), details.username(), details.password());
        }
        if (own.url() != null && own.username() != null && own.password() != null) {
            return builder.url(own.url(), own.username(), own.password());
        }
        // With its own URL, MSR only borrows missing credentials, so an open choice between DataSources is no error.
        ApplicationDataSource.Target base = own.url() != null ? application.selectIfDecided() : application.select();
        String url = own.url() != null ? own.url() : base.url();
        String username = own.username() != null ? own.username() : base.username();
        String password = own.password() != null ? own.password() : base.password();
        if (url != null && (anySet(own) || base.dataSource() == null)) {
            return builder.url(url, username, password);
        }
        if (url != null) {
            // Migrations keep the pool's sessions (its init SQL, search_path, driver properties); the lock does not.
            return builder.dataSource(base.dataSource(), base.description()).connectionDetails(url, username, password);
        }
        if (anySet(own)) {
            throw new ConfigurationException("msr.datasource." + (own.username() != null ? "username" : "password")
                    + " is set, but MSR cannot tell the URL of " + base.description() + " to use it with: set"
                    + " msr.datasource.url (MSR_DATASOURCE_URL) as well.");
        }
        if (base.dataSource() == null) {
            throw new ConfigurationException("MSR has no database: configure spring.datasource.url, a DataSource bean,"
                    + " msr.datasource.url or an MsrConnectionDetails bean.");
        }
        return builder.dataSource(base.dataSource(), base.description());
    }

    /** Returns whether any part of {@code msr.datasource.*} is set. */
    private static boolean anySet(Connection own) {
        return own.url() != null || own.username() != null || own.password() != null;
    }
}
