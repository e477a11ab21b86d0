package io.msr;

import io.msr.backup.ConnectionDetails;
import io.msr.event.MigrationListener;
import io.msr.execute.MigrationEngine;

import javax.sql.DataSource;
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
 * immutable and may be shared.
 */
public final class Msr {

    private final MigrationEngine engine;

    private Msr(MigrationEngine engine) {
        this.engine = engine;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies every pending migration (up to {@link MsrSettings#target()} when set) under the lock. Returns
     * the result, with an empty list when there was nothing to do. Throws {@link ValidationException} (nothing
     * executed), {@link MigrationFailedException}, {@link ConnectionException} or {@link LockTimeoutException}.
     */
    public OperationResult migrate() {
        return engine.migrate(null);
    }

    /** Applies pending migrations up to and including version {@code target}; otherwise as {@link #migrate()}. */
    public OperationResult migrate(long target) {
        return engine.migrate(target);
    }

    /**
     * Reports every resolved and applied migration with its state, and the history rows. Takes no lock and
     * writes nothing; works before the history table exists. Never fails on validation problems: they are in
     * {@link InfoResult#issues()}.
     */
    public InfoResult info() {
        return engine.info();
    }

    /**
     * Checks resolved migrations against history, as {@code migrate} would before executing, without the lock
     * and without writing. Throws {@link ValidationException} when anything would block a migrate.
     */
    public OperationResult validate() {
        return engine.validate();
    }

    /**
     * Reverts applied migrations above {@code target}, newest first, under the lock, recording DOWN rows.
     * Throws {@link DownFailedException} when one has no down migration (checked before anything runs) or fails.
     */
    public OperationResult down(long target) {
        return engine.down(target);
    }

    /**
     * Marks failed migrations resolved and, with {@link MsrSettings#force()}, re-records the checksums of edited
     * applied migrations. Writes REPAIR rows under the lock.
     */
    public OperationResult repair() {
        return engine.repair();
    }

    /**
     * Backs the database (or the schemas of {@link BackupSettings#schemas()}) up to a new file in
     * {@link BackupSettings#folder()} with {@code pg_dump -Fc}, under the lock so the backup never holds half a
     * migration run. The file is kept; the result's notes name it. Throws {@link BackupFailedException}.
     */
    public OperationResult backup() {
        return engine.backup();
    }

    /**
     * Restores a backup file under the lock, so that the database (or the schemas of
     * {@link BackupSettings#schemas()}) ends up exactly as backed up: objects the backup does not hold are dropped,
     * then {@code pg_restore --clean --if-exists} runs in one transaction. Needs {@link MsrSettings#force()}.
     * Throws {@link RestoreFailedException}.
     */
    public OperationResult restore(java.nio.file.Path file) {
        return engine.restore(file);
    }

    /** Returns who holds the migration lock (pid, application name, connected since), without taking it. */
    public LockStatus lockStatus() {
        return engine.lockStatus();
    }

    /**
     * Releases a stuck migration lock by terminating the sessions of the MSR runner that holds it. Needs
     * {@link MsrSettings#force()}; refuses when the holder is not an MSR runner. Returns the holder as it was.
     */
    public LockStatus releaseLock() {
        return engine.releaseLock();
    }

    /** Builds an {@link Msr}. A DataSource or a URL is required. */
    public static final class Builder {
        private DataSource dataSource;
        private String target = "the database";
        private String password;
        private ConnectionDetails details;
        private MsrSettings settings = MsrSettings.defaults();
        private final List<JavaMigration> javaMigrations = new ArrayList<>();
        private final List<MigrationListener> listeners = new ArrayList<>();
        private ClassLoader classLoader;

        private Builder() {
        }

        /**
         * Uses a DataSource. MSR opens two connections from it during a run (the migration connection and the
         * dedicated lock connection); never point it at a transaction-pooling proxy.
         *
         * @param description how to name the database in messages, e.g. its URL (passwords are removed)
         */
        public Builder dataSource(DataSource dataSource, String description) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.target = description == null ? "the database" : Redaction.redact(description);
            return this;
        }

        /** Uses a DataSource, named "the database" in messages. */
        public Builder dataSource(DataSource dataSource) {
            return dataSource(dataSource, null);
        }

        /** Connects with {@link java.sql.DriverManager} to a JDBC URL. The password never appears in messages. */
        public Builder url(String jdbcUrl, String user, String password) {
            this.dataSource = new UrlDataSource(jdbcUrl, user, password);
            this.target = Redaction.redact(jdbcUrl) + (user == null ? "" : " as user '" + user + "'");
            this.password = password;
            this.details = new ConnectionDetails(jdbcUrl, user, password);
            return this;
        }

        /**
         * Gives the JDBC URL and credentials of the {@link #dataSource DataSource}, for the tools that connect on
         * their own: {@code pg_dump} and {@code pg_restore} of the backup and restore features. They receive the
         * password through their environment, never their command line. {@link #url} sets these itself.
         */
        public Builder connectionDetails(String jdbcUrl, String user, String password) {
            this.details = new ConnectionDetails(jdbcUrl, user, password);
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
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** Builds the instance; throws {@link ConfigurationException} when no DataSource or URL is set. */
        public Msr build() {
            if (dataSource == null) {
                throw new ConfigurationException("No database is configured: give MSR a DataSource or a JDBC URL.");
            }
            ClassLoader loader = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : Msr.class.getClassLoader();
            return new Msr(new MigrationEngine(dataSource, target, password, settings, javaMigrations, listeners,
                    loader, details));
        }
    }
}
