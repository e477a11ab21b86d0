package io.msr.internal.operation;

import io.msr.AcrossSchemas;
import io.msr.CheckResult;
import io.msr.CheckSettings;
import io.msr.ConfigurationException;
import io.msr.ConnectionException;
import io.msr.DriftResult;
import io.msr.InfoResult;
import io.msr.LockStatus;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.MultiSchemaSettings;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.Redaction;
import io.msr.SchemaSource;
import io.msr.Version;
import io.msr.internal.backup.ConnectionDetails;
import io.msr.internal.backup.PgBackup;
import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.jdbc.StartupWait;
import io.msr.internal.lint.MigrationLinter;
import io.msr.internal.source.ResolutionCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * msr-core's engine: each operation of {@link Msr} is the {@link OperationTemplate skeleton} around the step that
 * makes it different. Each call opens its own connections and closes them before it returns, so one engine may
 * serve many calls, also from several threads.
 */
final class Engine implements Msr {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final EngineContext context;
    private final OperationTemplate template;
    private final @Nullable SchemaSource schemaSource;

    /** Creates engines for {@link Msr.Builder}; registered in {@code META-INF/services/io.msr.Msr$Provider}. */
    public static final class Factory implements Msr.Provider {

        /** Called by {@link java.util.ServiceLoader}. */
        public Factory() {
        }

        @Override
        public Msr create(Configuration configuration) {
            return new Engine(configuration);
        }

        @Override
        public CheckResult check(CheckSettings settings) {
            return OfflineCheck.run(settings);
        }
    }

    Engine(Configuration configuration) {
        MsrSettings settings = configuration.settings();
        List<String> unknownRules = MigrationLinter.unknownRules(settings.lint().disabledRules());
        if (!unknownRules.isEmpty()) {
            throw new ConfigurationException("msr.lint.disabled-rules names unknown rules " + unknownRules
                    + "; the rules are " + MigrationLinter.ruleIds() + ".");
        }
        List<String> unknownEnabled = MigrationLinter.unknownRules(settings.lint().enabledRules());
        if (!unknownEnabled.isEmpty()) {
            throw new ConfigurationException("msr.lint.enabled-rules names unknown rules " + unknownEnabled
                    + "; the rules are " + MigrationLinter.ruleIds() + ".");
        }
        DataSource dataSource = configuration.dataSource();
        String description = configuration.description();
        String password = configuration.password();
        ConnectionFactory connections = StartupWait.connections(() -> connect(dataSource), description, password,
                e -> refused(description, password, e));
        ConnectionDetails details = configuration.jdbcUrl() == null ? null
                : new ConnectionDetails(configuration.jdbcUrl(), configuration.user(), password);
        // The lock lives on a session of its own, never on a pooled one: from the URL whenever it is known.
        ConnectionFactory lockConnections = details == null ? connections
                : () -> open(details, Redaction.redact(details.jdbcUrl()));
        this.context = new EngineContext(connections, lockConnections, settings, configuration.javaMigrations(),
                new ResolutionCache(configuration.classLoader())::resolve,
                new CompositeListener(configuration.listeners()),
                new PgBackup(settings.backup(), details), new DatabaseFacts(), false, new StopSwitch());
        this.template = new OperationTemplate(context);
        this.schemaSource = configuration.schemaSource();
    }

    /** An engine of the context, sharing the caller's connections, resolutions and listener. */
    Engine(EngineContext context, @Nullable SchemaSource schemaSource) {
        this.context = context;
        this.template = new OperationTemplate(context);
        this.schemaSource = schemaSource;
    }

    @Override
    public Msr forSchema(@Nullable String schema) {
        if (schema == null || schema.isBlank()) {
            throw new ConfigurationException("An engine of one schema needs the schema's name.");
        }
        MultiSchemaSettings.checkedNames(List.of(schema), "The schema list");
        return new Engine(context.forSchema(schema), schemaSource);
    }

    @Override
    public AcrossSchemas acrossSchemas() {
        return new AcrossSchemasEngine(context, schemaSource, ofSchema -> new Engine(ofSchema, schemaSource));
    }

    @Override
    public OperationResult migrate() {
        return migrate(context.settings());
    }

    @Override
    public OperationResult migrate(Version target) {
        return migrate(context.settings().toBuilder().target(target).build());
    }

    private OperationResult migrate(MsrSettings settings) {
        return template.run(Operation.MIGRATE, true, settings, new MigrateStep(context, settings));
    }

    @Override
    public InfoResult info() {
        return InspectSteps.info(template, context);
    }

    @Override
    public OperationResult validate() {
        return template.run(Operation.VALIDATE, false, context.settings(), InspectSteps.validate(context));
    }

    @Override
    public OperationResult down(Version target) {
        return template.run(Operation.DOWN, true, context.settings(), new DownStep(context, target));
    }

    @Override
    public OperationResult repair() {
        return template.run(Operation.REPAIR, true, context.settings(), new RepairStep(context));
    }

    @Override
    public OperationResult backup() {
        return template.run(Operation.BACKUP, true, context.settings(), BackupSteps.backup(context));
    }

    @Override
    public OperationResult restore(Path file) {
        if (!context.settings().force()) {
            throw new ConfigurationException("Restoring " + file + " replaces every object the backup holds with its"
                    + " state at backup time, so it needs an explicit go-ahead: set msr.force=true.");
        }
        return template.run(Operation.RESTORE, true, context.settings(), BackupSteps.restore(context, file));
    }

    @Override
    public OperationResult baseline(@Nullable Version version) {
        if (version == null) {
            throw new ConfigurationException("A baseline needs its version: set msr.baseline-version to the version"
                    + " the schema already holds everything up to.");
        }
        return template.run(Operation.BASELINE, true, context.settings(), new BaselineStep(context, version));
    }

    @Override
    public DriftResult drift() {
        return DriftSteps.drift(template, context.settings());
    }

    @Override
    public DriftResult recordFingerprint() {
        return DriftSteps.record(template, context.settings());
    }

    @Override
    public void stop() {
        context.stops().stop();
    }

    @Override
    public LockStatus lockStatus() {
        try (RunSession session = RunSession.open(context, context.settings(), true)) {
            return session.lock.status();
        }
    }

    @Override
    public LockStatus releaseLock() {
        if (!context.settings().force()) {
            throw new ConfigurationException("Releasing the migration lock terminates the session holding it, so it"
                    + " needs an explicit go-ahead: set msr.force=true. Check msr.mode=lock-status first.");
        }
        try (RunSession session = RunSession.open(context, context.settings(), true)) {
            LockStatus holder = session.lock.forceRelease();
            if (!holder.held()) {
                log.info("The migration lock {} is not held; nothing to release", holder.key());
            }
            return holder.asLockRelease();
        }
    }

    private static Connection open(ConnectionDetails details, @Nullable String description) {
        java.util.Properties properties = new java.util.Properties();
        // A default the URL may override: the lock's session is idle for long stretches.
        properties.setProperty("tcpKeepAlive", "true");
        if (details.user() != null) {
            properties.setProperty("user", details.user());
        }
        if (details.password() != null) {
            properties.setProperty("password", details.password());
        }
        try {
            return java.sql.DriverManager.getConnection(details.jdbcUrl(), properties);
        } catch (SQLException e) {
            String message = "Could not open the migration lock's connection to " + description + ": "
                    + SqlErrors.describe(e) + ". Check that the URL, user and password are right.";
            throw new ConnectionException(Redaction.redact(message, details.password()), null, null, null,
                    e.getSQLState(), null);
        }
    }

    private static Connection connect(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        if (connection == null) {
            throw new SQLException("the DataSource returned no connection", "08001");
        }
        return connection;
    }

    private static ConnectionException refused(String description, @Nullable String password, SQLException e) {
        String message = "Could not connect to " + description + ": " + SqlErrors.describe(e) + ". Check that"
                + " the database is running and reachable, and that the URL, user and password are right.";
        return new ConnectionException(Redaction.redact(message, password), null, null, null, e.getSQLState(), null);
    }

    @Override
    public String toString() {
        return "Msr" + context.settings().locations();
    }
}
