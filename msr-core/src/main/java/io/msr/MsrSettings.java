package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of the engine, in one immutable value. The defaults here are the defaults of the Spring Boot
 * properties ({@code msr.*}); a test keeps them equal. Settings that share a {@code msr.*} prefix or a purpose are
 * grouped in records of their own ({@link LockSettings}, {@link PostgresSettings}, {@link LintSettings},
 * {@link PlaceholderSettings}, {@link AdoptSettings}, {@link BackupSettings}, {@link DriftSettings},
 * {@link MultiSchemaSettings}), each checking its own values; the {@link Builder} also sets each of their values one by
 * one.
 *
 * <p>It is long because the {@link Builder} keeps a setter for every single value (public API that
 * applications and {@code MsrSettingsCustomizer}s call, such as {@code lockWaitTimeout(...)}) besides one per group;
 * the record and its checks are about a third of it.
 *
 * @param locations          where migrations are found: {@code classpath:} or {@code filesystem:} prefixed paths,
 *                           scanned recursively; default {@code classpath:db/msr}
 * @param table              the history table, default {@code msr_schema_history}
 * @param schema             the schema of the history table, or null for the connection's current schema
 * @param target             the highest version {@code migrate} applies, or null for all
 * @param outOfOrder         apply pending migrations older than the newest applied one instead of failing
 * @param strict             turn warnings into errors
 * @param downPolicy         whether pending migrations must have a down migration
 * @param transactionMode    how migrations are wrapped in transactions
 * @param isolationLevel     isolation of migration transactions
 * @param lock               the migration lock (see {@link LockSettings})
 * @param force              allow operations that need an explicit go-ahead: lock release, checksum repair
 * @param postgres           the PostgreSQL timeouts of MSR's sessions (see {@link PostgresSettings})
 * @param retryMaxAttempts   how many times a migration is tried when it fails on a transient error (lock
 *                           timeout, serialization failure, deadlock); 1 means no retry
 * @param lint               the lint of pending SQL migrations (see {@link LintSettings})
 * @param rollbackStrategy   what migrate does after a failure: nothing, revert this run's migrations with their
 *                           down migrations, restore a backup taken before the run, or down first and the backup
 *                           when that stops
 * @param backup             how backups are taken and restored (see {@link BackupSettings})
 * @param dryRun             run every pending migration inside one transaction and roll it back: report what would
 *                           happen, never commit, never write history, never create the history table
 * @param placeholders       the placeholders in SQL migrations (see {@link PlaceholderSettings})
 * @param naming             how SQL migration files are named (default {@link MigrationNaming#MSR})
 * @param adopt              taking over another tool's history (see {@link AdoptSettings})
 * @param phase              which pending migrations migrate applies by their {@link DeployPhase}
 *                           ({@code msr.phase}); default {@link PhaseSelection#ALL}
 * @param connectWait        how long an operation waits for a database that does not accept connections yet (refused,
 *                           unresolvable host, starting up or shutting down), retrying with backoff; only the first
 *                           connection of each operation waits. Default {@link Duration#ZERO}: fail at once (the Spring
 *                           Boot starter sets 60s for one-shot modes and migrate-on-start)
 * @param drift              what drift detection fingerprints (see {@link DriftSettings})
 * @param multiSchema        how operations over many schemas go (see {@link MultiSchemaSettings}); used by
 *                           {@link Msr#acrossSchemas()} only
 * @param maxMigrationSize   the largest SQL migration file, in bytes, that is read; a larger file is refused at
 *                           validation (exit code 2) before anything runs, naming the file, its size and this limit
 *                           ({@code msr.max-migration-size}). Default {@link #DEFAULT_MAX_MIGRATION_SIZE}, which applies
 *                           under the shipped container limits (512 MiB, {@code -XX:MaxRAMPercentage=75}); a migration
 *                           needs about seven times its size in heap while it runs
 */
public record MsrSettings(List<String> locations, String table, @Nullable String schema, @Nullable Version target,
        boolean outOfOrder,
        boolean strict, DownPolicy downPolicy, TransactionMode transactionMode, IsolationLevel isolationLevel,
        LockSettings lock, boolean force, PostgresSettings postgres, int retryMaxAttempts, LintSettings lint,
        RollbackStrategy rollbackStrategy, BackupSettings backup, boolean dryRun, PlaceholderSettings placeholders,
        MigrationNaming naming, AdoptSettings adopt, PhaseSelection phase, Duration connectWait, DriftSettings drift,
        MultiSchemaSettings multiSchema, long maxMigrationSize) {

    /** The default location. */
    public static final String DEFAULT_LOCATION = "classpath:db/msr";
    /** The default history table name. */
    public static final String DEFAULT_TABLE = "msr_schema_history";
    /** The default lock wait timeout. */
    public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofMinutes(10);
    /** The default PostgreSQL lock_timeout of a migration. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(3);
    /** The default number of attempts of a migration that fails on a transient error. */
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 3;
    /** The default wait for a database that does not accept connections yet: none. */
    public static final Duration DEFAULT_CONNECT_WAIT = Duration.ZERO;
    /** The default time after which the server drops the sessions of a runner that vanished: 30 seconds. */
    public static final Duration DEFAULT_DEAD_CLIENT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The default largest SQL migration file read: 16 MiB. Measured under the shipped container limits (512 MiB,
     * 75% heap), a 32 MiB single-statement file peaked at 491 MiB RSS, too close to the limit for a pod; half of that
     * leaves the JVM's non-heap its room.
     */
    public static final long DEFAULT_MAX_MIGRATION_SIZE = 16L * 1024 * 1024;
    /** The shortest dead-client timeout: below it a slow network would look like a vanished node. */
    public static final Duration MIN_DEAD_CLIENT_TIMEOUT = Duration.ofSeconds(3);

    /** Checks the settings; throws {@link ConfigurationException} naming the setting at fault. */
    public MsrSettings {
        locations = List.copyOf(Objects.requireNonNull(locations, "locations"));
        if (locations.isEmpty()) {
            throw new ConfigurationException("No migration location is set: give at least one location, such as "
                    + DEFAULT_LOCATION + ".");
        }
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_$]{0,62}")) {
            throw new ConfigurationException("The history table name '" + table
                    + "' is not a plain SQL identifier (letters, digits and _, starting with a letter or _).");
        }
        if (schema != null && schema.isBlank()) {
            schema = null;
        }
        if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_$]{0,62}")) {
            throw new ConfigurationException("The history schema name '" + schema
                    + "' is not a plain SQL identifier (letters, digits and _, starting with a letter or _).");
        }
        Objects.requireNonNull(downPolicy, "downPolicy");
        Objects.requireNonNull(transactionMode, "transactionMode");
        Objects.requireNonNull(isolationLevel, "isolationLevel");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(rollbackStrategy, "rollbackStrategy");
        Objects.requireNonNull(backup, "backup");
        if (retryMaxAttempts < 1) {
            throw new ConfigurationException("msr.retry.max-attempts is " + retryMaxAttempts
                    + "; it counts attempts, so it must be at least 1 (1 means no retry).");
        }
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(adopt, "adopt");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(connectWait, "connectWait");
        if (connectWait.isNegative()) {
            throw new ConfigurationException("msr.connect.wait is " + connectWait + "; give how long to wait for the"
                    + " database, or 0 to fail at once.");
        }
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(multiSchema, "multiSchema");
        Objects.requireNonNull(placeholders, "placeholders");
    }

    /** Returns the defaults. */
    public static MsrSettings defaults() {
        return builder().build();
    }

    /** Returns a builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder().locations(locations).table(table).schema(schema).target(target).outOfOrder(outOfOrder)
                .strict(strict).downPolicy(downPolicy).transactionMode(transactionMode).isolationLevel(isolationLevel)
                .lock(lock).force(force).postgres(postgres).retryMaxAttempts(retryMaxAttempts).lint(lint)
                .rollbackStrategy(rollbackStrategy).backup(backup).dryRun(dryRun).placeholders(placeholders)
                .naming(naming).adopt(adopt).phase(phase).connectWait(connectWait).drift(drift).multiSchema(multiSchema)
                .maxMigrationSize(maxMigrationSize);
    }

    /** Builds {@link MsrSettings}; every setting starts at its default. */
    public static final class Builder {
        private List<String> locations = List.of(DEFAULT_LOCATION);
        private String table = DEFAULT_TABLE;
        private @Nullable String schema;
        private @Nullable Version target;
        private boolean outOfOrder;
        private boolean strict;
        private DownPolicy downPolicy = DownPolicy.OPTIONAL;
        private TransactionMode transactionMode = TransactionMode.PER_MIGRATION;
        private IsolationLevel isolationLevel = IsolationLevel.DEFAULT;
        private boolean lockEnabled = true;
        private Duration lockWaitTimeout = DEFAULT_LOCK_WAIT_TIMEOUT;
        private boolean force;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private @Nullable Duration statementTimeout;
        private int retryMaxAttempts = DEFAULT_RETRY_MAX_ATTEMPTS;
        private boolean lintEnabled = true;
        private Set<String> lintDisabledRules = Set.of();
        private Set<String> lintEnabledRules = Set.of();
        private @Nullable Integer lintPostgresVersion;
        private boolean dryRun;
        private RollbackStrategy rollbackStrategy = RollbackStrategy.NONE;
        private BackupSettings backup = BackupSettings.defaults();
        private Map<String, String> placeholders = Map.of();
        private boolean placeholderReplacement = true;
        private Set<String> secretPlaceholders = Set.of();
        private MigrationNaming naming = MigrationNaming.MSR;
        private AdoptFrom adoptFrom = AdoptFrom.NONE;
        private @Nullable String adoptTable;
        private @Nullable Version baselineVersion;
        private PhaseSelection phase = PhaseSelection.ALL;
        private Duration connectWait = DEFAULT_CONNECT_WAIT;
        private DriftSettings drift = DriftSettings.defaults();
        private MultiSchemaSettings multiSchema = MultiSchemaSettings.defaults();
        private Duration deadClientTimeout = DEFAULT_DEAD_CLIENT_TIMEOUT;
        private long maxMigrationSize = DEFAULT_MAX_MIGRATION_SIZE;

        private Builder() {
        }

        /** Sets the locations. */
        public Builder locations(List<String> value) {
            this.locations = value;
            return this;
        }

        /** Sets the locations. */
        public Builder locations(String... value) {
            return locations(List.of(value));
        }

        /** Sets the history table name. */
        public Builder table(String value) {
            this.table = value;
            return this;
        }

        /** Sets the history table schema; null means the connection's current schema. */
        public Builder schema(@Nullable String value) {
            this.schema = value;
            return this;
        }

        /** Sets the target version; null means every pending migration. */
        public Builder target(@Nullable Version value) {
            this.target = value;
            return this;
        }

        /** Sets whether out-of-order migrations are applied. */
        public Builder outOfOrder(boolean value) {
            this.outOfOrder = value;
            return this;
        }

        /** Sets whether warnings are errors. */
        public Builder strict(boolean value) {
            this.strict = value;
            return this;
        }

        /** Sets the down policy. */
        public Builder downPolicy(DownPolicy value) {
            this.downPolicy = value;
            return this;
        }

        /** Sets the transaction mode. */
        public Builder transactionMode(TransactionMode value) {
            this.transactionMode = value;
            return this;
        }

        /** Sets the isolation level. */
        public Builder isolationLevel(IsolationLevel value) {
            this.isolationLevel = value;
            return this;
        }

        /** Sets whether the migration lock is taken. */
        public Builder lockEnabled(boolean value) {
            this.lockEnabled = value;
            return this;
        }

        /** Sets how long to wait for the migration lock. */
        public Builder lockWaitTimeout(Duration value) {
            this.lockWaitTimeout = value;
            return this;
        }

        /** Sets the migration lock's settings: {@link #lockEnabled}, {@link #lockWaitTimeout}. */
        public Builder lock(LockSettings value) {
            return lockEnabled(value.enabled()).lockWaitTimeout(value.waitTimeout());
        }

        /** Sets the force flag. */
        public Builder force(boolean value) {
            this.force = value;
            return this;
        }

        /** Sets the PostgreSQL lock_timeout of each migration ({@link Duration#ZERO} for none). */
        public Builder lockTimeout(Duration value) {
            this.lockTimeout = value;
            return this;
        }

        /**
         * Sets the PostgreSQL statement_timeout of each migration ({@link Duration#ZERO} for none; null, the default,
         * keeps the role's, database's or server's value).
         */
        public Builder statementTimeout(@Nullable Duration value) {
            this.statementTimeout = value;
            return this;
        }

        /** Sets how many times a migration failing on a transient error is tried. */
        public Builder retryMaxAttempts(int value) {
            this.retryMaxAttempts = value;
            return this;
        }

        /** Sets whether pending SQL migrations are linted. */
        public Builder lintEnabled(boolean value) {
            this.lintEnabled = value;
            return this;
        }

        /** Sets the lint rules never reported. */
        public Builder lintDisabledRules(Set<String> value) {
            this.lintDisabledRules = value;
            return this;
        }

        /** Sets the lint rules that are off by default and reported anyway (the style rules). */
        public Builder lintEnabledRules(Set<String> value) {
            this.lintEnabledRules = value;
            return this;
        }

        /** Sets the PostgreSQL major version the lint assumes; null for the connected server's. */
        public Builder lintPostgresVersion(@Nullable Integer value) {
            this.lintPostgresVersion = value;
            return this;
        }

        /** Sets the lint's settings: the four {@code lint*} setters at once. */
        public Builder lint(LintSettings value) {
            return lintEnabled(value.enabled()).lintDisabledRules(value.disabledRules())
                    .lintEnabledRules(value.enabledRules()).lintPostgresVersion(value.postgresVersion());
        }

        /** Sets what migrate does after a failure. */
        public Builder rollbackStrategy(RollbackStrategy value) {
            this.rollbackStrategy = value;
            return this;
        }

        /** Sets how backups are taken and restored. */
        public Builder backup(BackupSettings value) {
            this.backup = value;
            return this;
        }

        /** Sets whether migrate only rehearses the run and rolls it back. */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /** Sets the values of the placeholders in SQL migrations, by name. */
        public Builder placeholders(Map<String, String> value) {
            this.placeholders = value;
            return this;
        }

        /** Sets whether placeholders in SQL migrations are replaced. */
        public Builder placeholderReplacement(boolean value) {
            this.placeholderReplacement = value;
            return this;
        }

        /** Sets the names of the placeholders whose values are secret, besides the names that say so. */
        public Builder secretPlaceholders(Set<String> value) {
            this.secretPlaceholders = value;
            return this;
        }

        /** Sets the placeholders' settings: values, replacement and secret names at once. */
        public Builder placeholders(PlaceholderSettings value) {
            return placeholders(value.values()).placeholderReplacement(value.replacement())
                    .secretPlaceholders(value.secretNames());
        }

        /** Sets how SQL migration files are named. */
        public Builder naming(MigrationNaming value) {
            this.naming = value;
            return this;
        }

        /** Sets whose history the first migrate takes over. */
        public Builder adoptFrom(AdoptFrom value) {
            this.adoptFrom = value;
            return this;
        }

        /** Sets the other tool's history table. */
        public Builder adoptTable(@Nullable String value) {
            this.adoptTable = value;
            return this;
        }

        /** Sets the version a baseline records; null for none. */
        public Builder baselineVersion(@Nullable Version value) {
            this.baselineVersion = value;
            return this;
        }

        /** Sets the adoption's settings: {@link #adoptFrom}, {@link #adoptTable}, {@link #baselineVersion}. */
        public Builder adopt(AdoptSettings value) {
            return adoptFrom(value.from()).adoptTable(value.table()).baselineVersion(value.baselineVersion());
        }

        /** Sets which pending migrations migrate applies by their phase. */
        public Builder phase(PhaseSelection value) {
            this.phase = value;
            return this;
        }

        /** Sets how long an operation waits for a database that does not accept connections yet; 0 for not at all. */
        public Builder connectWait(Duration value) {
            this.connectWait = value;
            return this;
        }

        /** Sets how soon the lock is freed when this runner's node vanishes ({@code msr.postgres.dead-client-timeout}). */
        public Builder deadClientTimeout(Duration value) {
            this.deadClientTimeout = value;
            return this;
        }

        /** Sets the PostgreSQL session settings: lock, statement and dead-client timeouts at once. */
        public Builder postgres(PostgresSettings value) {
            return lockTimeout(value.lockTimeout()).statementTimeout(value.statementTimeout())
                    .deadClientTimeout(value.deadClientTimeout());
        }

        /** Sets what drift detection fingerprints. */
        public Builder drift(DriftSettings value) {
            this.drift = value;
            return this;
        }

        /** Sets how operations over many schemas go. */
        public Builder multiSchema(MultiSchemaSettings value) {
            this.multiSchema = value;
            return this;
        }

        /** Sets the largest SQL migration file read, in bytes ({@code msr.max-migration-size}). */
        public Builder maxMigrationSize(long value) {
            this.maxMigrationSize = value;
            return this;
        }

        /** Builds and checks the settings. */
        public MsrSettings build() {
            return new MsrSettings(locations, table, schema, target, outOfOrder, strict, downPolicy, transactionMode,
                    isolationLevel, new LockSettings(lockEnabled, lockWaitTimeout), force,
                    new PostgresSettings(lockTimeout, statementTimeout, deadClientTimeout), retryMaxAttempts,
                    new LintSettings(lintEnabled, lintDisabledRules, lintEnabledRules, lintPostgresVersion),
                    rollbackStrategy, backup, dryRun,
                    new PlaceholderSettings(placeholders, placeholderReplacement, secretPlaceholders), naming,
                    new AdoptSettings(adoptFrom, adoptTable, baselineVersion), phase, connectWait, drift, multiSchema,
                    maxMigrationSize);
        }
    }
}
