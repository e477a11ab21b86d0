package io.msr.boot.autoconfigure.datasource;

import io.msr.Redaction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * The application's database as MSR finds it: the {@code @MsrDataSource} DataSource, else the only
 * (or {@code @Primary}) DataSource, described by Boot's {@link JdbcConnectionDetails} when there is that bean (so
 * {@code @ServiceConnection} and Docker Compose work), else by the URL and credentials read from the DataSource
 * itself. Several DataSources without a qualifier or {@code @Primary} are an error that names them.
 */
public final class ApplicationDataSource {

    private static final Logger log = LoggerFactory.getLogger(ApplicationDataSource.class);

    /**
     * The database found, with what is known about how to connect to it.
     *
     * @param dataSource  the DataSource, or null when only connection details exist
     * @param description how to name it in messages, without a password
     * @param url         its JDBC URL, or null when it cannot be told
     * @param username    its user, or null
     * @param password    its password, or null
     */
    record Target(@Nullable DataSource dataSource, String description, @Nullable String url, @Nullable String username,
            @Nullable String password) {

        static final Target NONE = new Target(null, "no database", null, null, null);

        @Override
        public String toString() {
            return "Target[" + description + ", " + (url == null ? null : Redaction.redact(url)) + ", " + username + "]";
        }
    }

    private final ObjectProvider<DataSource> qualified;
    private final ObjectProvider<DataSource> dataSources;
    private final ObjectProvider<JdbcConnectionDetails> jdbcConnectionDetails;
    private final ListableBeanFactory beanFactory;

    public ApplicationDataSource(ObjectProvider<DataSource> qualified, ObjectProvider<DataSource> dataSources,
            ObjectProvider<JdbcConnectionDetails> jdbcConnectionDetails, ListableBeanFactory beanFactory) {
        this.qualified = qualified;
        this.dataSources = dataSources;
        this.jdbcConnectionDetails = jdbcConnectionDetails;
        this.beanFactory = beanFactory;
    }

    /**
     * Returns the database to migrate, {@link Target#NONE} when there is none; throws
     * {@link SeveralDataSourcesException} when several DataSources leave the choice open.
     */
    Target select() {
        DataSource chosen = qualified.getIfAvailable();
        if (chosen != null) {
            return derive(chosen, "the @MsrDataSource DataSource");
        }
        DataSource unique = dataSources.getIfUnique();
        if (unique == null) {
            String[] names = BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, DataSource.class);
            if (names.length > 1) {
                throw new SeveralDataSourcesException(List.of(names));
            }
        }
        JdbcConnectionDetails details = jdbcConnectionDetails.getIfUnique();
        if (details != null) {
            String url = read(details::getJdbcUrl);
            return new Target(unique, url == null ? "the application's database" : Redaction.redact(url), url,
                    read(details::getUsername), read(details::getPassword));
        }
        return unique == null ? Target.NONE : derive(unique, "the application's DataSource");
    }

    /** As {@link #select()}, but {@link Target#NONE} instead of the several-DataSources error. */
    Target selectIfDecided() {
        try {
            return select();
        } catch (SeveralDataSourcesException e) {
            return Target.NONE;
        }
    }

    private static Target derive(DataSource dataSource, String description) {
        try {
            SimpleDriverDataSource copy = DataSourceBuilder.derivedFrom(dataSource).type(SimpleDriverDataSource.class)
                    .build();
            String url = copy.getUrl();
            return new Target(dataSource, url == null ? description : Redaction.redact(url), url, copy.getUsername(),
                    copy.getPassword());
        } catch (RuntimeException | LinkageError e) {
            log.debug("Cannot read the URL of {} ({}); MSR borrows its connections", dataSource, e.toString());
            return new Target(dataSource, description, null, null, null);
        }
    }

    private static @Nullable String read(Supplier<@Nullable String> part) {
        try {
            return part.get();
        } catch (RuntimeException e) {
            // PropertiesJdbcConnectionDetails throws for a missing spring.datasource.url without an embedded database.
            log.debug("Cannot read the application's connection details ({})", e.toString());
            return null;
        }
    }

    /** Several DataSource beans, none qualified with {@code @MsrDataSource} or {@code @Primary}. */
    public static final class SeveralDataSourcesException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final List<String> beanNames;

        SeveralDataSourcesException(List<String> beanNames) {
            super("MSR cannot tell which database to migrate: the application has " + beanNames.size()
                    + " DataSource beans " + beanNames + " and none is marked @MsrDataSource or @Primary");
            this.beanNames = List.copyOf(beanNames);
        }

        public List<String> beanNames() {
            return beanNames;
        }
    }
}
