package io.msr;

import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MSR's entry point: migrates a database with the SQL and Java migrations of the configured locations, safely
 * under a lock, inside transactions, and reports exactly what it did.
 *
 * <pre>{@code
 * Msr msr = Msr.builder()
 *         .url("jdbc:postgresql://db:5432/app", "migrator", password)
 *         .settings(MsrSettings.builder().locations("classpath:db/msr").build())
 *         .build();
 * OperationResult result = msr.migrate();
 * }</pre>
 *
 * <p>Every operation throws an {@link MsrException} subclass on failure; its {@link MsrException#exitCode()}
 * is the process exit code to use and {@link MsrException#result()} the partial result. An instance is
 * immutable and may be shared; each call opens its own connections and closes them before it returns.
 *
 * <p>The engine behind this interface is msr-core's own, found through {@link Provider}; applications build
 * instances with {@link #builder()} and may implement this interface themselves only as a test double.
 *
 * <p>It is long because it is the whole contract of the API's entry point in one place: each operation's Javadoc
 * says what it does and what it throws, and the nested {@link Builder}, {@link Configuration} and {@link Provider}
 * are named through it ({@code Msr.builder()}, {@code Msr.Builder}, the service file {@code io.msr.Msr$Provider}), so
 * they cannot move out without changing the API.
 */
public interface Msr {

    /** Returns a new builder. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the migrations of {@link CheckSettings#settings()}'s locations without a database, as a build or CI
     * step: file names in the configured layout, duplicate versions, directives, placeholders without a value, the
     * down policy and the zero-downtime lint; with {@link CheckSettings#baseRef()}, also that migrations new on this
     * branch are newer than every migration at that git ref. Never connects; Java migrations are not checked.
     * Throws {@link ConfigurationException} for invalid settings, and when the base ref or git cannot be read.
     */
    static CheckResult check(CheckSettings settings) {
        return EngineProvider.find().check(settings);
    }

    /**
     * Applies every pending migration (up to {@link MsrSettings#target()} when set) under the lock. Returns
     * the result, with an empty list when there was nothing to do. Throws {@link ValidationException} (nothing
     * executed), {@link MigrationFailedException}, {@link ConnectionException} or {@link LockTimeoutException}.
     */
    OperationResult migrate();

    /** Applies pending migrations up to and including version {@code target}; otherwise as {@link #migrate()}. */
    OperationResult migrate(Version target);

    /** Applies pending migrations up to and including version {@code target}, as {@link #migrate(Version)}. */
    default OperationResult migrate(long target) {
        return migrate(Version.of(target));
    }

    /**
     * Reports every resolved and applied migration with its state, and the history rows. Takes no lock and
     * writes nothing; works before the history table exists. Never fails on validation problems: they are in
     * {@link InfoResult#issues()}.
     */
    InfoResult info();

    /**
     * Checks resolved migrations against history, as {@code migrate} would before executing, without the lock
     * and without writing. Throws {@link ValidationException} when anything would block a migrate.
     */
    OperationResult validate();

    /**
     * Reverts applied migrations above {@code target}, newest first, under the lock, recording DOWN rows.
     * Throws {@link DownFailedException} when one has no down migration (checked before anything runs) or fails,
     * and {@link ValidationException} while a failed migration awaits repair.
     */
    OperationResult down(Version target);

    /** Reverts applied migrations above version {@code target}, as {@link #down(Version)}; 0 reverts all. */
    default OperationResult down(long target) {
        return down(Version.of(target));
    }

    /**
     * Marks failed migrations resolved and, with {@link MsrSettings#force()}, re-records the checksums of edited
     * applied migrations. Writes REPAIR rows under the lock.
     */
    OperationResult repair();

    /**
     * Backs the database (or the schemas of {@link BackupSettings#schemas()}) up to a new file in
     * {@link BackupSettings#folder()} with {@code pg_dump -Fc}, under the lock so the backup never holds half a
     * migration run. The file (0600, with its SHA-256 in {@code <file>.sha256}) is kept; the result's notes and
     * {@link OperationResult#backup()} name it. Throws {@link BackupFailedException}, or {@link ValidationException}
     * (exit code 2) when the folder exists but belongs to another user or group or others may write to it.
     */
    OperationResult backup();

    /**
     * Restores a backup file under the lock, so that the database (or the schemas of
     * {@link BackupSettings#schemas()}) ends up exactly as backed up: objects the backup does not hold are dropped,
     * then {@code pg_restore --clean --if-exists} runs in one transaction. Needs {@link MsrSettings#force()}.
     * Throws {@link RestoreFailedException}, before changing anything when the file has no {@code <file>.sha256}
     * or its SHA-256 differs from it.
     */
    OperationResult restore(Path file);

    /**
     * Records that the schema already holds everything up to {@code version}: one BASELINE history row (database user
     * and time as every row), under the lock, creating the history table. Later migrate runs apply only newer
     * migrations; those at or below it count as covered ({@link MigrationState#BELOW_BASELINE}). With
     * {@link AdoptFrom#LIQUIBASE} the row names Liquibase's last changeset, and Liquibase's history is checked first
     * (every changeset executed, its lock free). With {@link MsrSettings#dryRun()} it reports what it would record
     * and writes nothing. Throws {@link ValidationException} when the history table already holds any row (naming
     * the table and its version), or Liquibase's state forbids it; nothing is written then.
     */
    OperationResult baseline(Version version);

    /**
     * Compares the managed schemas ({@link DriftSettings}) with the fingerprint recorded for the current schema version,
     * and returns every object added, removed or changed since. Takes no lock and writes nothing. When no fingerprint
     * is recorded for the version, returns {@link DriftResult.Status#NO_FINGERPRINT}, never "no drift". Throws
     * {@link ConnectionException}, or {@link MsrDatabaseException} when the catalog or the fingerprint table cannot be
     * read.
     */
    DriftResult drift();

    /**
     * Records the managed schemas as they are now as the fingerprint of the current schema version, replacing the one
     * recorded for it, under the lock: how a schema that MSR took over (a baseline, an adopted history) starts, and how
     * a change made by hand on purpose is accepted. Returns {@link DriftResult.Status#RECORDED}, or
     * {@link DriftResult.Status#NO_FINGERPRINT} when no migration is applied (nothing is recorded then). Throws as
     * {@link #drift()} does, and {@link LockTimeoutException}.
     */
    DriftResult recordFingerprint();

    /**
     * Stops the operations running on this engine, and on the engines of {@link #forSchema} and
     * {@link #acrossSchemas()}, from any thread, as a process does on SIGTERM or SIGINT: the statement running on the
     * migration connection is cancelled, a wait for the lock, for the database or for a retry ends, the transaction is
     * rolled back and the lock released; each operation then throws {@link RunInterruptedException} (exit code 10)
     * naming the migration it interrupted. Returns at once; the operations end on their own threads. Interrupting the
     * thread that runs an operation stops its waits the same way, but not a running statement. Once stopped, the
     * engine stays stopped: later operations throw at once. Does nothing in a test double.
     */
    default void stop() {
    }

    /** Returns who holds the migration lock (pid, application name, connected since), without taking it. */
    LockStatus lockStatus();

    /**
     * Returns an engine like this one that works on {@code schema}: its history table and its lock in that schema, the
     * migrations run with it first on the {@code search_path} (so unqualified names land in it) and
     * {@code ${msr:schema}} set to it; the schema is created by the first migrate when it does not exist. Connections,
     * migrations, listeners and every other setting are this engine's; resolved migrations are shared, so many
     * schemas cost one resolution. Throws {@link ConfigurationException} for a name that is no schema name.
     */
    Msr forSchema(String schema);

    /**
     * Returns the operations over many schemas: those of {@link MsrSettings#multiSchema()}, or those the
     * {@link Builder#schemaSource SchemaSource} lists, each worked on as {@link #forSchema} does, at most
     * {@link MultiSchemaSettings#parallelism()} at once, this process's shard only.
     */
    AcrossSchemas acrossSchemas();

    /**
     * Releases a stuck migration lock by terminating the sessions of the MSR runner that holds it. Needs
     * {@link MsrSettings#force()}; refuses when the holder is not an MSR runner. Returns the holder as it was.
     */
    LockStatus releaseLock();

    /**
     * Everything an {@link Msr} is built from, as the {@link Builder} collected it.
     *
     * @param dataSource     where connections come from; MSR opens a migration connection and, with the lock on,
     *                       a second, dedicated lock connection
     * @param description    how to name the database in messages, free of passwords
     * @param jdbcUrl        the JDBC URL, for the tools that connect on their own ({@code pg_dump}), or null
     * @param user           the user for those tools, or null to take it from the URL
     * @param password       the password, or null; it is only given to those tools (through their environment)
     *                       and masked should a driver message repeat it
     * @param settings       the settings
     * @param javaMigrations the Java migrations
     * @param listeners      the listeners, called in order
     * @param classLoader    the class loader for classpath locations
     * @param schemaSource   lists the schemas of {@link #acrossSchemas()} when the settings do not, or null
     */
    record Configuration(DataSource dataSource, String description, @Nullable String jdbcUrl, @Nullable String user,
            @Nullable String password, MsrSettings settings, List<JavaMigration> javaMigrations,
            List<MigrationListener> listeners, ClassLoader classLoader, @Nullable SchemaSource schemaSource) {

        /** Copies the lists. */
        public Configuration {
            Objects.requireNonNull(dataSource, "dataSource");
            Objects.requireNonNull(settings, "settings");
            javaMigrations = List.copyOf(javaMigrations);
            listeners = List.copyOf(listeners);
        }

        @Override
        public String toString() {
            return "Configuration[" + description + ", " + settings + "]";
        }
    }

    /**
     * Creates the engine behind {@link Msr}. msr-core registers its one implementation in
     * {@code META-INF/services/io.msr.Msr$Provider}, which is how this API package stays free of any dependency on
     * the engine's packages. Not meant to be implemented by applications.
     */
    interface Provider {

        /** Creates an engine for the configuration; throws {@link ConfigurationException} for invalid settings. */
        Msr create(Configuration configuration);

        /** Runs {@link Msr#check(CheckSettings)}. */
        CheckResult check(CheckSettings settings);
    }

    /** Builds an {@link Msr}. A DataSource or a URL is required. */
    final class Builder {
        private @Nullable DataSource dataSource;
        private String description = "the database";
        private @Nullable String jdbcUrl;
        private @Nullable String user;
        private @Nullable String password;
        private MsrSettings settings = MsrSettings.defaults();
        private final List<JavaMigration> javaMigrations = new ArrayList<>();
        private final List<MigrationListener> listeners = new ArrayList<>();
        private @Nullable ClassLoader classLoader;
        private @Nullable SchemaSource schemaSource;

        private Builder() {
        }

        /**
         * Uses a DataSource. MSR opens two connections from it during a run (the migration connection and the
         * dedicated lock connection); never point it at a transaction-pooling proxy. A pool gets its connections back
         * as it gave them: autocommit, isolation, application name and timeouts restored, the lock released (a session
         * that cannot be restored is aborted). Give {@link #connectionDetails} where the URL is known, so that the
         * lock never lives on a pooled session.
         *
         * @param description how to name the database in messages, e.g. its URL (passwords are removed)
         */
        public Builder dataSource(DataSource dataSource, @Nullable String description) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.description = description == null ? "the database" : Redaction.redact(description);
            return this;
        }

        /** Uses a DataSource, named "the database" in messages. */
        public Builder dataSource(DataSource dataSource) {
            return dataSource(dataSource, null);
        }

        /** Connects with {@link java.sql.DriverManager} to a JDBC URL. The password never appears in messages. */
        public Builder url(String jdbcUrl, @Nullable String user, @Nullable String password) {
            this.dataSource = new UrlDataSource(jdbcUrl, user, password);
            this.description = Redaction.redact(jdbcUrl) + (user == null ? "" : " as user '" + user + "'");
            return connectionDetails(jdbcUrl, user, password);
        }

        /**
         * Gives the JDBC URL and credentials of the {@link #dataSource DataSource}, for the tools that connect on
         * their own: {@code pg_dump} and {@code pg_restore} of the backup and restore features. They receive the
         * password through their environment, never their command line. The migration lock's dedicated connection is
         * opened with them too (through {@link java.sql.DriverManager}), so that the session lock never lives on a
         * pooled connection: they must name the DataSource's database. {@link #url} sets these itself.
         */
        public Builder connectionDetails(@Nullable String jdbcUrl, @Nullable String user, @Nullable String password) {
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            if (password != null) {
                this.password = password;
            }
            return this;
        }

        /** Sets the settings. */
        public Builder settings(MsrSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Adds Java migrations. */
        public Builder javaMigrations(List<? extends JavaMigration> migrations) {
            this.javaMigrations.addAll(migrations);
            return this;
        }

        /** Adds Java migrations. */
        public Builder javaMigrations(JavaMigration... migrations) {
            return javaMigrations(List.of(migrations));
        }

        /** Adds listeners, called in the order added. */
        public Builder listeners(List<? extends MigrationListener> listeners) {
            this.listeners.addAll(listeners);
            return this;
        }

        /** Adds listeners, called in the order added. */
        public Builder listeners(MigrationListener... listeners) {
            return listeners(List.of(listeners));
        }

        /** Sets the class loader for classpath locations; default: the thread's context class loader. */
        public Builder classLoader(@Nullable ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /**
         * Lists the schemas of {@link Msr#acrossSchemas()} with a query (a tenants table, for example) when
         * {@link MultiSchemaSettings#schemas()} is empty; a non-empty list in the settings wins.
         */
        public Builder schemaSource(@Nullable SchemaSource source) {
            this.schemaSource = source;
            return this;
        }

        /**
         * Builds the instance; throws {@link ConfigurationException} when no DataSource or URL is set, or when
         * the settings name something the engine does not know (a lint rule, for example).
         */
        public Msr build() {
            if (dataSource == null) {
                throw new ConfigurationException("No database is configured: give MSR a DataSource or a JDBC URL.");
            }
            ClassLoader loader = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : Msr.class.getClassLoader();
            return EngineProvider.find().create(new Configuration(dataSource, description, jdbcUrl, user, password,
                    settings, javaMigrations, listeners, loader, schemaSource));
        }
    }
}
