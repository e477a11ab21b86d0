package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of the engine, in one immutable value. The defaults here are the defaults of the Spring Boot
 * properties ({@code msr.*}); a test keeps them equal.
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
 * @param lockEnabled        take the migration lock (turn off only when something else guarantees a single runner)
 * @param lockWaitTimeout    how long to wait for the lock before failing with exit code 8
 * @param force              allow operations that need an explicit go-ahead: lock release, checksum repair
 * @param lockTimeout        PostgreSQL {@code lock_timeout} of each migration, so that a migration waiting for a
 *                           table lock never freezes the application's queries behind it for longer; default 3s,
 *                           {@link Duration#ZERO} for none; a file's {@code -- msr:lock-timeout=} overrides it
 * @param statementTimeout   PostgreSQL {@code statement_timeout} of each migration ({@link Duration#ZERO} for none),
 *                           or null (the default) to keep the value the session has: the role's
 *                           ({@code ALTER ROLE ... SET}), the database's or the server's; a file's
 *                           {@code -- msr:statement-timeout=} overrides it
 * @param retryMaxAttempts   how many times a migration is tried when it fails on a transient error (lock
 *                           timeout, serialization failure, deadlock); 1 means no retry
 * @param lintEnabled        check pending SQL migrations for statements that break zero-downtime deploys
 * @param lintDisabledRules  lint rule ids never reported; an unknown id fails {@link Msr.Builder#build()}
 * @param lintEnabledRules   lint rule ids that are off by default (the style rules, e.g. {@code prefer-bigint}) and
 *                           reported here; an unknown id fails {@link Msr.Builder#build()}
 * @param lintPostgresVersion the PostgreSQL major version the version-aware lint rules assume (e.g. 11: a constant
 *                           default is free), or null (the default) for the connected server's, or the newest
 *                           supported when linting offline
 * @param rollbackStrategy   what migrate does after a failure: nothing, revert this run's migrations with their
 *                           down migrations, restore a backup taken before the run, or down first and the backup
 *                           when that stops
 * @param backup             how backups are taken and restored (see {@link BackupSettings})
 * @param dryRun             run every pending migration inside one transaction and roll it back: report what would
 *                           happen, never commit, never write history, never create the history table
 * @param placeholders       values of the placeholders {@code ${name}} in SQL migrations, by name (letters,
 *                           digits, {@code _ . -}; matched ignoring case); default none. The built-ins
 *                           {@code ${msr:schema}}, {@code ${msr:table}} and {@code ${msr:user}} need no value here
 * @param placeholderReplacement replace placeholders when a migration runs (default true); false sends
 *                           {@code ${...}} as written and never reports an unknown placeholder
 * @param secretPlaceholders names of placeholders whose values are secret (matched ignoring case), besides every
 *                           placeholder whose name contains {@code password}, {@code secret}, {@code token} or
 *                           {@code key}: their values are masked in every message, log line and result
 *                           ({@link Redaction#of(MsrSettings)}); default none
 * @param naming             how SQL migration files are named (default {@link MigrationNaming#MSR})
 * @param adoptFrom          whose history the first migrate takes over when MSR's history table does not exist
 *                           (default {@link AdoptFrom#NONE})
 * @param adoptTable         the other tool's history table, in the history schema, or null (the default) for the
 *                           name the tool gives it ({@link AdoptFrom#defaultTable()})
 * @param baselineVersion    the version a baseline records ({@code msr.baseline-version}): with
 *                           {@link AdoptFrom#LIQUIBASE}, the version the first migrate records as the schema's baseline
 *                           once Liquibase's changelog shows every changeset executed (required there); or null
 * @param phase              which pending migrations migrate applies by their {@link DeployPhase}
 *                           ({@code msr.phase}); default {@link PhaseSelection#ALL}
 * @param connectWait        how long an operation waits for a database that does not accept connections yet (refused,
 *                           unresolvable host, starting up or shutting down), retrying with backoff; only the first
 *                           connection of each operation waits. Default {@link Duration#ZERO}: fail at once (the Spring
 *                           Boot starter sets 60s for one-shot modes and migrate-on-start)
 * @param drift              what drift detection fingerprints (see {@link DriftSettings})
 * @param multiSchema        how operations over many schemas go (see {@link MultiSchemaSettings}); used by
 *                           {@link Msr#acrossSchemas()} only
 * @param deadClientTimeout  how soon the migration lock is freed when this runner's node vanishes (power loss, a
 *                           kernel panic, a network partition) and its packets simply stop: MSR asks the server to
 *                           drop its sessions after about this long without a sign of life (TCP keepalives, a
 *                           user timeout and, from PostgreSQL 14, {@code client_connection_check_interval}), and the
 *                           runner itself stops, exit code 7, well before that when it cannot reach its lock's
 *                           session. Applies to MSR's own sessions only. Default 30s; {@link Duration#ZERO} leaves the
 *                           server's and the operating system's settings (often two hours) and does not watch; else at
 *                           least 3s
 * @param maxMigrationSize   the largest SQL migration file, in bytes, that is read; a larger file is refused at
 *                           validation (exit code 2) before anything runs, naming the file, its size and this limit
 *                           ({@code msr.max-migration-size}). Default {@link #DEFAULT_MAX_MIGRATION_SIZE}, which applies
 *                           under the shipped container limits (512 MiB, {@code -XX:MaxRAMPercentage=75}); a migration
 *                           needs about seven times its size in heap while it runs
 */
public record MsrSettings(List<String> locations, String table, @Nullable String schema, @Nullable Version target,
        boolean outOfOrder,
        boolean strict, DownPolicy downPolicy, TransactionMode transactionMode, IsolationLevel isolationLevel,
        boolean lockEnabled, Duration lockWaitTimeout, boolean force, Duration lockTimeout, @Nullable Duration statementTimeout,
        int retryMaxAttempts, boolean lintEnabled, Set<String> lintDisabledRules, Set<String> lintEnabledRules,
        @Nullable Integer lintPostgresVersion, RollbackStrategy rollbackStrategy,
        BackupSettings backup, boolean dryRun, Map<String, String> placeholders, boolean placeholderReplacement,
        Set<String> secretPlaceholders, MigrationNaming naming, AdoptFrom adoptFrom, @Nullable String adoptTable,
        @Nullable Version baselineVersion,
        PhaseSelection phase, Duration connectWait, DriftSettings drift, MultiSchemaSettings multiSchema,
        Duration deadClientTimeout, long maxMigrationSize) {

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
        Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
        if (lockWaitTimeout.isNegative()) {
            throw new ConfigurationException("The lock wait timeout " + lockWaitTimeout + " is negative.");
        }
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (lockTimeout.isNegative() || statementTimeout != null && statementTimeout.isNegative()) {
            throw new ConfigurationException("The PostgreSQL lock and statement timeouts must not be negative.");
        }
        lintDisabledRules = Set.copyOf(Objects.requireNonNull(lintDisabledRules, "lintDisabledRules"));
        lintEnabledRules = Set.copyOf(Objects.requireNonNull(lintEnabledRules, "lintEnabledRules"));
        if (lintPostgresVersion != null && lintPostgresVersion < 9) {
            throw new ConfigurationException("msr.lint.postgres-version is " + lintPostgresVersion
                    + "; give a PostgreSQL major version such as 16, or leave it unset for the server's.");
        }
        Objects.requireNonNull(rollbackStrategy, "rollbackStrategy");
        Objects.requireNonNull(backup, "backup");
        if (retryMaxAttempts < 1) {
            throw new ConfigurationException("msr.retry.max-attempts is " + retryMaxAttempts
                    + "; it counts attempts, so it must be at least 1 (1 means no retry).");
        }
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(adoptFrom, "adoptFrom");
        Objects.requireNonNull(phase, "phase");
        if (adoptTable != null && adoptTable.isBlank()) {
            adoptTable = null;
        }
        if (adoptTable != null && !adoptTable.matches("[A-Za-z_][A-Za-z0-9_$]{0,62}")) {
            throw new ConfigurationException("msr.adopt-table '" + adoptTable + "' is not a plain SQL identifier"
                    + " (letters, digits and _, starting with a letter or _); the table is looked up in the history"
                    + " schema.");
        }
        if (adoptFrom == AdoptFrom.LIQUIBASE && baselineVersion == null) {
            throw new ConfigurationException("msr.adopt-from=liquibase needs msr.baseline-version: the version of the"
                    + " first MSR migration's predecessor, which the first migrate records as the schema's baseline once"
                    + " Liquibase's changelog shows every changeset executed (MSR cannot tell it from Liquibase's"
                    + " changesets).");
        }
        Objects.requireNonNull(connectWait, "connectWait");
        if (connectWait.isNegative()) {
            throw new ConfigurationException("msr.connect.wait is " + connectWait + "; give how long to wait for the"
                    + " database, or 0 to fail at once.");
        }
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(multiSchema, "multiSchema");
        Objects.requireNonNull(deadClientTimeout, "deadClientTimeout");
        if (deadClientTimeout.isNegative()
                || !deadClientTimeout.isZero() && deadClientTimeout.compareTo(MIN_DEAD_CLIENT_TIMEOUT) < 0) {
            throw new ConfigurationException("msr.postgres.dead-client-timeout is " + deadClientTimeout + "; give at"
                    + " least 3s (30s is the default), or 0 to leave the server's TCP keepalive settings alone.");
        }
        placeholders = Map.copyOf(Objects.requireNonNull(placeholders, "placeholders"));
        secretPlaceholders = Set.copyOf(Objects.requireNonNull(secretPlaceholders, "secretPlaceholders"));
        Map<String, String> seen = new HashMap<>();
        for (String name : placeholders.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new ConfigurationException("The placeholder name '" + name + "' (msr.placeholders." + name
                        + ") is not a name: use letters, digits, _, . and -, starting with a letter or _.");
            }
            String other = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                throw new ConfigurationException("The placeholders '" + other + "' and '" + name
                        + "' differ only in case; names are matched ignoring case, so keep one of them.");
            }
        }
    }

    /** Returns the defaults. */
    public static MsrSettings defaults() {
        return builder().build();
    }

    /** Returns the other tool's history table: {@link #adoptTable()}, or the tool's own name for it when unset. */
    public @Nullable String adoptTableOrDefault() {
        return adoptTable != null ? adoptTable : adoptFrom.defaultTable();
    }

    /** Returns a builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder().locations(locations).table(table).schema(schema).target(target).outOfOrder(outOfOrder)
                .strict(strict).downPolicy(downPolicy).transactionMode(transactionMode).isolationLevel(isolationLevel)
                .lockEnabled(lockEnabled).lockWaitTimeout(lockWaitTimeout).force(force).lockTimeout(lockTimeout)
                .statementTimeout(statementTimeout).retryMaxAttempts(retryMaxAttempts).lintEnabled(lintEnabled)
                .lintDisabledRules(lintDisabledRules).lintEnabledRules(lintEnabledRules)
                .lintPostgresVersion(lintPostgresVersion).rollbackStrategy(rollbackStrategy).backup(backup).dryRun(dryRun)
                .placeholders(placeholders).placeholderReplacement(placeholderReplacement)
                .secretPlaceholders(secretPlaceholders).naming(naming)
                .adoptFrom(adoptFrom).adoptTable(adoptTable).baselineVersion(baselineVersion).phase(phase)
                .connectWait(connectWait).drift(drift).multiSchema(multiSchema).deadClientTimeout(deadClientTimeout)
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
                    isolationLevel, lockEnabled, lockWaitTimeout, force, lockTimeout, statementTimeout,
                    retryMaxAttempts, lintEnabled, lintDisabledRules, lintEnabledRules, lintPostgresVersion, rollbackStrategy, backup, dryRun, placeholders, placeholderReplacement,
                    secretPlaceholders, naming, adoptFrom, adoptTable, baselineVersion, phase, connectWait, drift, multiSchema,
                    deadClientTimeout, maxMigrationSize);
        }
    }
}
