package io.msr.boot.autoconfigure;

import io.msr.AdoptFrom;
import io.msr.BackupSettings;
import io.msr.DownPolicy;
import io.msr.IsolationLevel;
import io.msr.MigrationNaming;
import io.msr.MsrSettings;
import io.msr.PhaseSelection;
import io.msr.RollbackStrategy;
import io.msr.TransactionMode;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of MSR, under {@code msr.*} (and, as every Spring property, {@code MSR_*} environment variables:
 * {@code MSR_MODE=migrate}, {@code MSR_LOCK_WAIT_TIMEOUT=2m}). Defaults equal the engine's.
 *
 * <p>A plain holder of what was bound: a field per property, whose Javadoc becomes the property's description in the
 * generated configuration metadata, with its getter and setter. {@link SettingsFromProperties} turns it into the
 * engine's settings. It is long because it lists every property; the nested classes stay nested because their names
 * are part of the API and of the generated metadata.
 */
@ConfigurationProperties("msr")
public class MsrProperties {

    /** The default of {@code msr.shutdown-timeout}: within Kubernetes' default grace period of 30 s. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    /**
     * What MSR does at startup: verify (default; never writes, reports schema state through health and
     * metrics), migrate-on-start (migrate, then keep serving), none, or a one-shot operation that exits: migrate
     * (apply pending migrations), check (the offline check of the migrations, needing no database) and the others
     * that the values of this property list.
     */
    private MsrMode mode = MsrMode.VERIFY;

    /** Where migrations are found: classpath: and filesystem: locations, scanned recursively. */
    private List<String> locations = new ArrayList<>(List.of(MsrSettings.DEFAULT_LOCATION));

    /** Name of the history table. */
    private String table = MsrSettings.DEFAULT_TABLE;

    /** Schema of the history table; by default the connection's current schema. */
    private @Nullable String schema;

    /**
     * Highest version to migrate to, or the version the down mode goes back to: a number, or a dotted version such
     * as 1.2 under msr.naming=flyway.
     */
    private @Nullable String target;

    /**
     * What migrate does after a migration fails: none (committed migrations stay), down (revert this run's
     * migrations with their down migrations, newest first; exit code 4 when one has none), backup (pg_dump before
     * the run, exit code 5 when that fails; pg_restore after a failure, exit code 6 when that fails), or both (down
     * first, the backup when the down rollback stops).
     */
    private RollbackStrategy rollbackStrategy = RollbackStrategy.NONE;

    /**
     * Rehearse migrate: run pending migrations inside one transaction that is rolled back, report what would
     * happen, never commit, never write history.
     */
    private boolean dryRun;

    /**
     * Values of the placeholders ${name} in SQL migrations, by name (matched ignoring case):
     * msr.placeholders.tenant=acme, or the environment variable MSR_PLACEHOLDERS_TENANT=acme. The built-ins
     * ${msr:schema}, ${msr:table} and ${msr:user} need no value.
     */
    private Map<String, String> placeholders = new LinkedHashMap<>();

    /**
     * Replace placeholders in SQL migrations when they run; false sends ${...} as written and never reports an
     * unknown placeholder.
     */
    private boolean placeholderReplacement = true;

    /**
     * Names of placeholders whose values are secret, besides every placeholder whose name contains password, secret,
     * token or key (ignoring case): their values are masked (****) in logs, messages, the summary, the termination
     * message and the actuator endpoint, also where the database echoes them in an error.
     */
    private Set<String> secretPlaceholders = new LinkedHashSet<>();

    /**
     * The largest SQL migration file read (e.g. 16MB). A larger file is refused at validation, exit code 2, naming
     * the file, its size and this limit, before anything runs. A migration needs about seven times its size in heap
     * while it runs: raise it together with the container's memory limit.
     */
    private DataSize maxMigrationSize = DataSize.ofBytes(MsrSettings.DEFAULT_MAX_MIGRATION_SIZE);

    /**
     * How SQL migration files are named: msr (V<version>_<description>.up.sql) or golang-migrate
     * (<version>_<description>.up.sql).
     */
    private MigrationNaming naming = MigrationNaming.MSR;

    /**
     * Whose history the first migrate takes over when MSR's history table does not exist yet: none, golang-migrate,
     * or liquibase (records a baseline at msr.baseline-version once every changeset ran). The other tool's tables are
     * read, never written.
     */
    private AdoptFrom adoptFrom = AdoptFrom.NONE;

    /**
     * The other tool's history table (msr.adopt-from), in the history schema; by default the tool's own name for it
     * (flyway_schema_history, schema_migrations, databasechangelog; Liquibase's lock table is the name plus
     * "lock").
     */
    private @Nullable String adoptTable;

    /**
     * The version msr.mode=baseline records: the schema already holds everything the migrations up to it create, so
     * they count as covered and only newer ones run. Also the baseline msr.adopt-from=liquibase records, which needs
     * it. A number, or a dotted version such as 1.2.
     */
    private @Nullable String baselineVersion;

    /**
     * Which pending migrations msr.mode=migrate applies by their phase (-- msr:phase=post-deploy marks the contract
     * step): pre-deploy (everything pending up to the newest pending pre-deploy migration, leaving newer post-deploy
     * ones for after the rollout), post-deploy (the pending post-deploy migrations; refused with exit code 2 while a
     * pre-deploy one is pending) or all. By default pre-deploy for the one-shot migrate mode and all for
     * migrate-on-start and dry runs; the other modes always consider all.
     */
    private @Nullable PhaseSelection phase;

    /** Apply pending migrations older than the newest applied one instead of failing validation. */
    private boolean outOfOrder;

    /**
     * The schemas to work on, a schema per tenant, comma-separated: each gets its own history table and lock, and the
     * migrations run in each with it first on the search_path (and ${msr:schema} set to it). An MsrSchemaSource bean
     * lists them instead when this is empty. Empty (the default): one schema, msr.schema or the connection's.
     */
    private List<String> schemas = new ArrayList<>();

    /**
     * How many of msr.schemas are worked on at once, each on its own connection: MSR then holds at most this many
     * work connections plus one lock connection per schema being worked on.
     */
    private int parallelism = 1;

    /**
     * With msr.schemas, start the remaining schemas after one failed; by default the schemas already started finish
     * and no new one starts. Either way the exit code is the most severe of the schemas'.
     */
    private boolean continueOnError;

    /** Turn warnings (validation, lint) into errors. */
    private boolean strict;

    /** Whether pending migrations must have a down migration: optional, recommended (warns) or required (fails). */
    private DownPolicy downPolicy = DownPolicy.OPTIONAL;

    /** How migrations are wrapped in transactions: per-migration, per-batch (all or nothing) or none. */
    private TransactionMode transactionMode = TransactionMode.PER_MIGRATION;

    /** Isolation level of migration transactions; default keeps the server's. */
    private IsolationLevel isolationLevel = IsolationLevel.DEFAULT;

    /**
     * Allow operations that need an explicit go-ahead: lock-release, restore, and repair re-recording the checksums of
     * edited migrations.
     */
    private boolean force;

    /**
     * File to write the JSON result of a one-shot mode to (in addition to /dev/termination-log when present), whole
     * (written beside it, then moved); a symbolic link there is left alone and the summary not written.
     */
    private @Nullable String summaryPath;

    /**
     * Standard output format of one-shot modes. With a structured console log (logging.structured.format.console)
     * the result is a log event of logger io.msr.result instead, and json adds the JSON result to it as msr.json.
     */
    private Output output = Output.TEXT;

    /**
     * File a one-shot mode writes its compact JSON result to (under 4 KiB) when the file exists, as Kubernetes
     * reads it; match the container's terminationMessagePath when that is changed. A symbolic link there is not
     * followed: the message is not written.
     */
    private String terminationMessagePath = "/dev/termination-log";

    /**
     * Start even though Flyway or Liquibase would migrate at startup too. By default that fails startup, since two
     * tools would keep two histories of one schema; set it when both are intended (different databases, say).
     */
    private boolean allowOtherMigrationTools;

    /**
     * How long a one-shot run may take to stop on SIGTERM or SIGINT: cancel the running statement, roll back, release
     * the lock and write its result, before the process exits with code 10 anyway. Keep it, plus a second or two for
     * the JVM to start and exit, below the pod's terminationGracePeriodSeconds (30 s by default).
     */
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

    private final Lock lock = new Lock();

    private final Verify verify = new Verify();

    private final Datasource datasource = new Datasource();

    private final Postgres postgres = new Postgres();

    private final Retry retry = new Retry();

    private final Lint lint = new Lint();

    private final Backup backup = new Backup();

    private final Connect connect = new Connect();
    private final Drift drift = new Drift();
    private final Shard shard = new Shard();

    /** Standard output format of one-shot modes. */
    public enum Output {
        /** Human-readable lines and tables. */
        TEXT,
        /** The JSON result on one line. */
        JSON
    }

    /** The migration lock. */
    public static class Lock {

        /** Take the migration lock; turn off only when something else guarantees a single runner. */
        private boolean enabled = true;

        /** How long to wait for the migration lock before failing with exit code 8. */
        private Duration waitTimeout = MsrSettings.DEFAULT_LOCK_WAIT_TIMEOUT;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getWaitTimeout() {
            return waitTimeout;
        }

        public void setWaitTimeout(Duration waitTimeout) {
            this.waitTimeout = waitTimeout;
        }
    }

    /** PostgreSQL settings of migrations. */
    public static class Postgres {

        /**
         * lock_timeout of each migration: how long it may wait for a table lock, and so how long the
         * application's queries can queue behind it. 0 for none. A file's "-- msr:lock-timeout=" overrides it.
         */
        private Duration lockTimeout = MsrSettings.DEFAULT_LOCK_TIMEOUT;

        /**
         * statement_timeout of each migration (0 for none). Unset by default: migrations keep the value of the role
         * (ALTER ROLE ... SET statement_timeout), the database or the server. A file's "-- msr:statement-timeout="
         * overrides it.
         */
        private @Nullable Duration statementTimeout;

        /**
         * How soon the migration lock is freed when the runner's node vanishes (power loss, network partition): the
         * server drops MSR's sessions after about this long without a sign of life (TCP keepalives, tcp_user_timeout,
         * client_connection_check_interval), and the runner stops with exit code 7 before that. MSR's own sessions
         * only. At least 3s; 0 leaves the server's and the operating system's settings.
         */
        private Duration deadClientTimeout = MsrSettings.DEFAULT_DEAD_CLIENT_TIMEOUT;

        public Duration getLockTimeout() {
            return lockTimeout;
        }

        public void setLockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
        }

        public @Nullable Duration getStatementTimeout() {
            return statementTimeout;
        }

        public void setStatementTimeout(@Nullable Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
        }

        public Duration getDeadClientTimeout() {
            return deadClientTimeout;
        }

        public void setDeadClientTimeout(Duration deadClientTimeout) {
            this.deadClientTimeout = deadClientTimeout;
        }
    }

    /** Retries of migrations that fail on a transient error (lock timeout, serialization failure, deadlock). */
    public static class Retry {

        /** How many times such a migration is tried in all; 1 means no retry. */
        private int maxAttempts = MsrSettings.DEFAULT_RETRY_MAX_ATTEMPTS;

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }
    }

    /** The lint of pending SQL migrations for statements that break zero-downtime deploys. */
    public static class Lint {

        /** Check pending SQL migrations; findings are warnings, errors with msr.strict. */
        private boolean enabled = true;

        /** Rule ids never reported, e.g. drop-column (see docs/lint-rules.md for the list). */
        private java.util.Set<String> disabledRules = new java.util.LinkedHashSet<>();

        /** Rule ids that are off by default and reported anyway: the style rules, e.g. prefer-bigint, prefer-text. */
        private java.util.Set<String> enabledRules = new java.util.LinkedHashSet<>();

        /**
         * PostgreSQL major version the version-aware rules assume (e.g. 11: a constant default is free); unset for
         * the connected server's version, or the newest supported when linting offline.
         */
        private @Nullable Integer postgresVersion;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public java.util.Set<String> getDisabledRules() {
            return disabledRules;
        }

        public void setDisabledRules(java.util.Set<String> disabledRules) {
            this.disabledRules = disabledRules;
        }

        public java.util.Set<String> getEnabledRules() {
            return enabledRules;
        }

        public void setEnabledRules(java.util.Set<String> enabledRules) {
            this.enabledRules = enabledRules;
        }

        public @Nullable Integer getPostgresVersion() {
            return postgresVersion;
        }

        public void setPostgresVersion(@Nullable Integer postgresVersion) {
            this.postgresVersion = postgresVersion;
        }
    }

    /** Backups with pg_dump and restores with pg_restore (rollback strategies backup and both; backup and restore modes). */
    public static class Backup {

        /**
         * Folder backup files are written to; by default msr-backups-<user name> in the temporary folder. Created
         * 0700 when missing; refused (exit code 2) when it belongs to another user or group or others may write to
         * it. Dumps are written 0600, each with its SHA-256 in <dump>.sha256. A backup that must outlive the pod
         * belongs on a persistent volume.
         */
        private Path folder = BackupSettings.DEFAULT_FOLDER;

        /**
         * Keep the backup of a migrate run that succeeded or was restored. A backup whose restore failed, and one
         * taken by msr.mode=backup, is always kept.
         */
        private boolean keep;

        /** The pg_dump command: a name looked up on PATH, or a path. Its major version must be the server's or newer. */
        private String pgDump = BackupSettings.DEFAULT_PG_DUMP;

        /** The pg_restore command: a name looked up on PATH, or a path. */
        private String pgRestore = BackupSettings.DEFAULT_PG_RESTORE;

        /**
         * Schemas to back up and restore, by their exact names (case-sensitive: TenantA is the schema created as
         * "TenantA"); empty means the whole database.
         */
        private List<String> schemas = new ArrayList<>();

        /** The backup file msr.mode=restore restores (needs msr.force=true). */
        private @Nullable Path file;

        public Path getFolder() {
            return folder;
        }

        public void setFolder(Path folder) {
            this.folder = folder;
        }

        public boolean isKeep() {
            return keep;
        }

        public void setKeep(boolean keep) {
            this.keep = keep;
        }

        public String getPgDump() {
            return pgDump;
        }

        public void setPgDump(String pgDump) {
            this.pgDump = pgDump;
        }

        public String getPgRestore() {
            return pgRestore;
        }

        public void setPgRestore(String pgRestore) {
            this.pgRestore = pgRestore;
        }

        public List<String> getSchemas() {
            return schemas;
        }

        public void setSchemas(List<String> schemas) {
            this.schemas = schemas;
        }

        public @Nullable Path getFile() {
            return file;
        }

        public void setFile(@Nullable Path file) {
            this.file = file;
        }
    }

    /** Verify mode. */
    public static class Verify {

        /** How often the schema state is re-read in the background; probes read the cached state. */
        private Duration refreshInterval = Duration.ofSeconds(10);

        /** Stay ready when the database is ahead of this application (a newer version already migrated). */
        private boolean allowAhead = true;

        /** Fail startup instead of reporting OUT_OF_SERVICE while migrations are pending. */
        private boolean failOnPending;

        /**
         * Hold database initialisation at startup (JPA and other database users start after it) until the schema is
         * current, polling, for at most this long; then fail startup naming the pending migrations. None by default:
         * start at once and report OUT_OF_SERVICE until the migration Job has run.
         */
        private @Nullable Duration waitOnStart;

        /**
         * How long the last state read successfully is kept, marked stale, when the database cannot be read, before
         * health reports DOWN: a short database outage does not make every replica unready at once. 0 reports DOWN
         * at the first failed read.
         */
        private Duration staleGracePeriod = Duration.ofSeconds(30);

        /**
         * Report the schema DOWN when it drifted from the fingerprint of its version (a change made by hand), instead
         * of only reporting the drift in health details, the msr endpoint and the msr.schema.drift gauge.
         */
        private boolean failOnDrift;

        /**
         * How often the schema is compared with its fingerprint (a catalog query); in between, and until the schema
         * version changes, the last result is reported.
         */
        private Duration driftCheckInterval = Duration.ofMinutes(1);

        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        public boolean isAllowAhead() {
            return allowAhead;
        }

        public void setAllowAhead(boolean allowAhead) {
            this.allowAhead = allowAhead;
        }

        public boolean isFailOnPending() {
            return failOnPending;
        }

        public void setFailOnPending(boolean failOnPending) {
            this.failOnPending = failOnPending;
        }

        public @Nullable Duration getWaitOnStart() {
            return waitOnStart;
        }

        public void setWaitOnStart(@Nullable Duration waitOnStart) {
            this.waitOnStart = waitOnStart;
        }

        public Duration getStaleGracePeriod() {
            return staleGracePeriod;
        }

        public void setStaleGracePeriod(Duration staleGracePeriod) {
            this.staleGracePeriod = staleGracePeriod;
        }

        public boolean isFailOnDrift() {
            return failOnDrift;
        }

        public void setFailOnDrift(boolean failOnDrift) {
            this.failOnDrift = failOnDrift;
        }

        public Duration getDriftCheckInterval() {
            return driftCheckInterval;
        }

        public void setDriftCheckInterval(Duration driftCheckInterval) {
            this.driftCheckInterval = driftCheckInterval;
        }
    }

    /** Drift detection: the fingerprint of the managed schemas, recorded for each schema version. */
    public static class Drift {

        /**
         * Record a fingerprint of the managed schemas after each successful migrate run, and compare the schema with
         * it in verify mode. msr.mode=drift works either way.
         */
        private boolean enabled = true;

        /**
         * Schemas fingerprinted besides the history schema, by their exact names; by default the history schema
         * alone.
         */
        private List<String> schemas = new ArrayList<>();

        /** Fingerprint owners and grants too; by default a grant given by hand is no drift. */
        private boolean includePrivileges;

        /**
         * With msr.mode=drift: record the schema as it is as the fingerprint of its version instead of comparing (a
         * schema MSR took over, or a change made by hand on purpose).
         */
        private boolean record;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getSchemas() {
            return schemas;
        }

        public void setSchemas(List<String> schemas) {
            this.schemas = schemas;
        }

        public boolean isIncludePrivileges() {
            return includePrivileges;
        }

        public void setIncludePrivileges(boolean includePrivileges) {
            this.includePrivileges = includePrivileges;
        }

        public boolean isRecord() {
            return record;
        }

        public void setRecord(boolean record) {
            this.record = record;
        }
    }

    /**
     * Separate migration credentials. Any subset may be set; missing parts come from the application's
     * DataSource settings. When set, MSR uses its own non-pooled connections.
     */
    public static class Datasource {

        /** JDBC URL of the database to migrate. */
        private @Nullable String url;

        /** User that runs migrations (needs DDL rights). */
        private @Nullable String username;

        /** Password of that user. */
        private @Nullable String password;

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    /** Waiting for a database that does not accept connections yet. */
    public static class Connect {

        /** What an unset msr.connect.wait means in one-shot modes and migrate-on-start. */
        public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

        /**
         * How long the first connection of a run waits for a database that does not accept connections yet
         * (connection refused, host name not resolving yet, server starting up or shutting down), trying again with
         * backoff and logging each attempt; then exit code 7. Refused credentials and an unknown database fail at
         * once. 0 never waits. Unset: 60s in one-shot modes and migrate-on-start. Verify mode never waits: it starts
         * at once and reports an unreachable database through health.
         */
        private @Nullable Duration wait;

        public @Nullable Duration getWait() {
            return wait;
        }

        public void setWait(@Nullable Duration wait) {
            this.wait = wait;
        }
    }

    public @Nullable PhaseSelection getPhase() {
        return phase;
    }

    public void setPhase(@Nullable PhaseSelection phase) {
        this.phase = phase;
    }

    public boolean isAllowOtherMigrationTools() {
        return allowOtherMigrationTools;
    }

    public void setAllowOtherMigrationTools(boolean allowOtherMigrationTools) {
        this.allowOtherMigrationTools = allowOtherMigrationTools;
    }

    public MsrMode getMode() {
        return mode;
    }

    public void setMode(MsrMode mode) {
        this.mode = mode;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public @Nullable String getSchema() {
        return schema;
    }

    public void setSchema(@Nullable String schema) {
        this.schema = schema;
    }

    public @Nullable String getTarget() {
        return target;
    }

    public void setTarget(@Nullable String target) {
        this.target = target;
    }

    public @Nullable String getBaselineVersion() {
        return baselineVersion;
    }

    public void setBaselineVersion(@Nullable String baselineVersion) {
        this.baselineVersion = baselineVersion;
    }

    public RollbackStrategy getRollbackStrategy() {
        return rollbackStrategy;
    }

    public void setRollbackStrategy(RollbackStrategy rollbackStrategy) {
        this.rollbackStrategy = rollbackStrategy;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Map<String, String> getPlaceholders() {
        return placeholders;
    }

    public void setPlaceholders(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    public MigrationNaming getNaming() {
        return naming;
    }

    public void setNaming(MigrationNaming naming) {
        this.naming = naming;
    }

    public AdoptFrom getAdoptFrom() {
        return adoptFrom;
    }

    public void setAdoptFrom(AdoptFrom adoptFrom) {
        this.adoptFrom = adoptFrom;
    }

    public @Nullable String getAdoptTable() {
        return adoptTable;
    }

    public void setAdoptTable(@Nullable String adoptTable) {
        this.adoptTable = adoptTable;
    }

    public Set<String> getSecretPlaceholders() {
        return secretPlaceholders;
    }

    public void setSecretPlaceholders(Set<String> secretPlaceholders) {
        this.secretPlaceholders = secretPlaceholders;
    }

    public DataSize getMaxMigrationSize() {
        return maxMigrationSize;
    }

    public void setMaxMigrationSize(DataSize maxMigrationSize) {
        this.maxMigrationSize = maxMigrationSize;
    }

    public boolean isPlaceholderReplacement() {
        return placeholderReplacement;
    }

    public void setPlaceholderReplacement(boolean placeholderReplacement) {
        this.placeholderReplacement = placeholderReplacement;
    }

    public boolean isOutOfOrder() {
        return outOfOrder;
    }

    public void setOutOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public boolean isStrict() {
        return strict;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public DownPolicy getDownPolicy() {
        return downPolicy;
    }

    public void setDownPolicy(DownPolicy downPolicy) {
        this.downPolicy = downPolicy;
    }

    public TransactionMode getTransactionMode() {
        return transactionMode;
    }

    public void setTransactionMode(TransactionMode transactionMode) {
        this.transactionMode = transactionMode;
    }

    public IsolationLevel getIsolationLevel() {
        return isolationLevel;
    }

    public void setIsolationLevel(IsolationLevel isolationLevel) {
        this.isolationLevel = isolationLevel;
    }

    public boolean isForce() {
        return force;
    }

    public void setForce(boolean force) {
        this.force = force;
    }

    public @Nullable String getSummaryPath() {
        return summaryPath;
    }

    public void setSummaryPath(@Nullable String summaryPath) {
        this.summaryPath = summaryPath;
    }

    public Output getOutput() {
        return output;
    }

    public void setOutput(Output output) {
        this.output = output;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public String getTerminationMessagePath() {
        return terminationMessagePath;
    }

    public void setTerminationMessagePath(String terminationMessagePath) {
        this.terminationMessagePath = terminationMessagePath;
    }

    public Lock getLock() {
        return lock;
    }

    public Verify getVerify() {
        return verify;
    }

    public Postgres getPostgres() {
        return postgres;
    }

    public Lint getLint() {
        return lint;
    }

    public Backup getBackup() {
        return backup;
    }

    public List<String> getSchemas() {
        return schemas;
    }

    public void setSchemas(List<String> schemas) {
        this.schemas = schemas;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public boolean isContinueOnError() {
        return continueOnError;
    }

    public void setContinueOnError(boolean continueOnError) {
        this.continueOnError = continueOnError;
    }

    public Shard getShard() {
        return shard;
    }

    /** Which share of msr.schemas this process takes, for an Indexed Job: msr.shard.*. */
    public static class Shard {

        /**
         * This process's share of msr.schemas, from 0 to msr.shard.count - 1: a schema belongs to the share given by
         * its name alone, so every schema is taken by exactly one process, on every retry. Defaults to the
         * JOB_COMPLETION_INDEX that Kubernetes sets in each pod of an Indexed Job, else 0.
         */
        private @Nullable Integer index;

        /** Into how many shares msr.schemas is split: an Indexed Job's completions. */
        private int count = 1;

        public @Nullable Integer getIndex() {
            return index;
        }

        public void setIndex(@Nullable Integer index) {
            this.index = index;
        }

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }
    }

    public Drift getDrift() {
        return drift;
    }

    public Retry getRetry() {
        return retry;
    }

    public Connect getConnect() {
        return connect;
    }

    public Datasource getDatasource() {
        return datasource;
    }
}
