package io.msr.execute;

import io.msr.ConfigurationException;
import io.msr.InfoResult;
import io.msr.JavaMigration;
import io.msr.LockStatus;
import io.msr.ConnectionException;
import io.msr.MsrSettings;
import io.msr.OperationResult;
import io.msr.backup.ConnectionDetails;
import io.msr.backup.PgBackup;
import io.msr.dialect.ConnectionFactory;
import io.msr.event.CompositeListener;
import io.msr.event.MigrationListener;
import io.msr.Redaction;
import io.msr.internal.SqlErrors;
import io.msr.source.MigrationResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs the operations of {@link io.msr.Msr}. Each call opens its own connections and closes them before it
 * returns; one engine may serve many calls, from one thread at a time per call.
 */
public final class MigrationEngine {

    private static final Logger log = LoggerFactory.getLogger(MigrationEngine.class);

    private final EngineContext context;

    /**
     * Creates the engine.
     *
     * @param dataSource     where connections come from; the engine opens a migration connection and, with the
     *                       lock on, a second, dedicated lock connection
     * @param target         how to name the database in error messages (a URL is stripped of its password)
     * @param password       the password, only to mask it should a driver message repeat it; may be null
     * @param settings       the settings
     * @param javaMigrations the Java migrations
     * @param listeners      the listeners, called in order
     * @param classLoader    the class loader for classpath locations
     * @param details        the URL and credentials for pg_dump and pg_restore, or null when unknown
     */
    public MigrationEngine(DataSource dataSource, String target, String password, MsrSettings settings,
            List<JavaMigration> javaMigrations, List<MigrationListener> listeners, ClassLoader classLoader,
            ConnectionDetails details) {
        ConnectionFactory connections = () -> open(dataSource, target, password);
        this.context = new EngineContext(connections, settings, List.copyOf(javaMigrations),
                new MigrationResolver(classLoader), new CompositeListener(listeners),
                new PgBackup(settings.backup(), details));
    }

    /** See {@link io.msr.Msr#migrate()}. */
    public OperationResult migrate(Long target) {
        MsrSettings settings = target == null ? context.settings()
                : context.settings().toBuilder().target(target).build();
        return new MigrateOperation(context, settings).run();
    }

    /** See {@link io.msr.Msr#info()}. */
    public InfoResult info() {
        return new InspectOperation(context, context.settings()).info();
    }

    /** See {@link io.msr.Msr#validate()}. */
    public OperationResult validate() {
        return new InspectOperation(context, context.settings()).validate();
    }

    /** See {@link io.msr.Msr#down(long)}. */
    public OperationResult down(long target) {
        if (target < 0) {
            throw new ConfigurationException("The down target " + target + " is negative; use 0 to revert everything.");
        }
        return new DownOperation(context, context.settings(), target).run();
    }

    /** See {@link io.msr.Msr#repair()}. */
    public OperationResult repair() {
        return new RepairOperation(context, context.settings()).run();
    }

    /** See {@link io.msr.Msr#backup()}. */
    public OperationResult backup() {
        return new BackupOperation(context).backup();
    }

    /** See {@link io.msr.Msr#restore(java.nio.file.Path)}. */
    public OperationResult restore(java.nio.file.Path file) {
        if (!context.settings().force()) {
            throw new ConfigurationException("Restoring " + file + " replaces every object the backup holds with its"
                    + " state at backup time, so it needs an explicit go-ahead: set msr.force=true.");
        }
        return new BackupOperation(context).restore(file);
    }

    /** See {@link io.msr.Msr#lockStatus()}. */
    public LockStatus lockStatus() {
        try (RunSession session = RunSession.open(context.connections(), lockOn())) {
            return session.lock.status();
        }
    }

    /** See {@link io.msr.Msr#releaseLock()}. */
    public LockStatus releaseLock() {
        if (!context.settings().force()) {
            throw new ConfigurationException("Releasing the migration lock terminates the session holding it, so it"
                    + " needs an explicit go-ahead: set msr.force=true. Check msr.mode=lock-status first.");
        }
        try (RunSession session = RunSession.open(context.connections(), lockOn())) {
            LockStatus holder = session.lock.forceRelease();
            if (!holder.held()) {
                log.info("The migration lock {} is not held; nothing to release", holder.key());
            }
            return holder;
        }
    }

    private MsrSettings lockOn() {
        return context.settings().toBuilder().lockEnabled(true).build();
    }

    private static Connection open(DataSource dataSource, String target, String password) {
        try {
            Connection connection = dataSource.getConnection();
            if (connection == null) {
                throw new SQLException("the DataSource returned no connection", "08001");
            }
            return connection;
        } catch (SQLException e) {
            String message = "Could not connect to " + target + ": " + SqlErrors.describe(e) + ". Check that the"
                    + " database is running and reachable, and that the URL, user and password are right.";
            throw new ConnectionException(Redaction.redact(message, password), null, null, null, e.getSQLState(),
                    null);
        }
    }
}
