package io.msr.boot.autoconfigure;

import io.msr.AdoptSettings;
import io.msr.BackupSettings;
import io.msr.ConfigurationException;
import io.msr.DriftSettings;
import io.msr.LintSettings;
import io.msr.LockSettings;
import io.msr.MsrSettings;
import io.msr.MultiSchemaSettings;
import io.msr.PhaseSelection;
import io.msr.PlaceholderSettings;
import io.msr.PostgresSettings;
import io.msr.Version;
import io.msr.boot.autoconfigure.oneshot.OneShotReport;
import io.msr.boot.autoconfigure.oneshot.OneShotSettings;
import io.msr.boot.autoconfigure.oneshot.TargetSchemas;
import io.msr.boot.autoconfigure.verify.VerifySettings;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;

/**
 * Turns the bound {@code msr.*} properties into the engine's {@link MsrSettings}: parses the versions, naming the
 * property at fault, and applies the defaults that depend on the mode ({@code msr.phase}, {@code msr.connect.wait}).
 * {@link MsrProperties} itself only holds what was bound.
 */
public final class SettingsFromProperties {

    private SettingsFromProperties() {
    }

    /** Returns the engine settings {@code properties} describe. */
    static MsrSettings toSettings(MsrProperties properties) {
        MsrProperties.Lock lock = properties.getLock();
        MsrProperties.Postgres postgres = properties.getPostgres();
        MsrProperties.Lint lint = properties.getLint();
        return MsrSettings.builder().locations(properties.getLocations()).table(properties.getTable())
                .schema(properties.getSchema()).target(targetVersion(properties))
                .outOfOrder(properties.isOutOfOrder()).strict(properties.isStrict())
                .downPolicy(properties.getDownPolicy()).transactionMode(properties.getTransactionMode())
                .isolationLevel(properties.getIsolationLevel())
                .lock(new LockSettings(lock.isEnabled(), lock.getWaitTimeout())).force(properties.isForce())
                .postgres(new PostgresSettings(postgres.getLockTimeout(), postgres.getStatementTimeout(),
                        postgres.getDeadClientTimeout()))
                .retryMaxAttempts(properties.getRetry().getMaxAttempts())
                .lint(new LintSettings(lint.isEnabled(), lint.getDisabledRules(), lint.getEnabledRules(),
                        lint.getPostgresVersion()))
                .rollbackStrategy(properties.getRollbackStrategy()).backup(backup(properties.getBackup()))
                .dryRun(properties.isDryRun())
                .placeholders(new PlaceholderSettings(properties.getPlaceholders(),
                        properties.isPlaceholderReplacement(), properties.getSecretPlaceholders()))
                .naming(properties.getNaming())
                .adopt(new AdoptSettings(properties.getAdoptFrom(), properties.getAdoptTable(),
                        baselineVersion(properties)))
                .phase(effectivePhase(properties)).connectWait(connectWait(properties))
                .maxMigrationSize(properties.getMaxMigrationSize().toBytes())
                .drift(drift(properties.getDrift())).multiSchema(multiSchema(properties)).build();
    }

    /**
     * Returns the phase the run applies: msr.phase when set and the mode migrates, else pre-deploy for the one-shot
     * migrate mode (all in a dry run) and all elsewhere; info, validate and verify always consider every phase.
     */
    static PhaseSelection effectivePhase(MsrProperties properties) {
        MsrMode mode = properties.getMode();
        if (mode != MsrMode.MIGRATE && mode != MsrMode.MIGRATE_ON_START) {
            return PhaseSelection.ALL;
        }
        if (properties.getPhase() != null) {
            return properties.getPhase();
        }
        return mode == MsrMode.MIGRATE && !properties.isDryRun() ? PhaseSelection.PRE_DEPLOY : PhaseSelection.ALL;
    }

    /**
     * Returns the connect wait in force in the mode: none in verify mode, else {@code msr.connect.wait} as set, else
     * {@link MsrProperties.Connect#DEFAULT_WAIT}.
     */
    static Duration connectWait(MsrProperties properties) {
        MsrMode mode = properties.getMode();
        if (!mode.oneShot() && mode != MsrMode.MIGRATE_ON_START) {
            return Duration.ZERO;
        }
        Duration wait = properties.getConnect().getWait();
        return wait != null ? wait : MsrProperties.Connect.DEFAULT_WAIT;
    }

    /** Returns {@code msr.target} as a version, or null when unset; a value that is not a version is refused. */
    public static Version targetVersion(MsrProperties properties) {
        return version(properties.getTarget(), "msr.target");
    }

    /**
     * Returns {@code msr.baseline-version} as a version, or null when unset; a value that is not a version is refused,
     * naming the property.
     */
    public static Version baselineVersion(MsrProperties properties) {
        return version(properties.getBaselineVersion(), "msr.baseline-version");
    }

    /** Returns what a one-shot run is told by the properties: {@code msr.mode} and its parameters. */
    public static OneShotSettings oneShot(MsrProperties properties) {
        MsrMode mode = properties.getMode();
        return new OneShotSettings(mode.propertyValue(), mode.operation(), mode.needsDatabase(),
                properties.getDatasource().getPassword(), properties.getMaxMigrationSize().toMegabytes(),
                properties.getDrift().isRecord(),
                () -> properties.getTarget() == null ? null : targetVersion(properties),
                () -> baselineVersion(properties), properties.getBackup().getFile());
    }

    /** Returns what the report of a one-shot run is told by the properties. */
    public static OneShotReport.Settings oneShotReport(MsrProperties properties) {
        return new OneShotReport.Settings(properties.getOutput() == MsrProperties.Output.JSON,
                properties.getSummaryPath(), properties.getTerminationMessagePath(), properties.getPlaceholders(),
                properties.getSecretPlaceholders(), properties.getDatasource().getPassword());
    }

    /** The schemas of {@code properties}: those listed (msr.schemas, or the source's) when any are, else msr.schema. */
    public static TargetSchemas targetSchemas(MsrProperties properties, ObjectProvider<MsrSchemaSource> source) {
        return !properties.getSchemas().isEmpty() || source.getIfUnique() != null ? new TargetSchemas.Many()
                : new TargetSchemas.One(properties.getSchema());
    }

    /** Returns what verify mode's schema monitor is told by {@code msr.verify.*}. */
    public static VerifySettings verify(MsrProperties.Verify verify) {
        return new VerifySettings(verify.getRefreshInterval(), verify.isAllowAhead(), verify.isFailOnPending(),
                verify.getWaitOnStart(), verify.getStaleGracePeriod(), verify.isFailOnDrift(),
                verify.getDriftCheckInterval());
    }

    private static Version version(String value, String property) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Version.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(property + ": " + e.getMessage() + ".");
        }
    }

    private static BackupSettings backup(MsrProperties.Backup backup) {
        return new BackupSettings(backup.getFolder(), backup.isKeep(), backup.getPgDump(), backup.getPgRestore(),
                backup.getSchemas());
    }

    private static DriftSettings drift(MsrProperties.Drift drift) {
        return new DriftSettings(drift.isEnabled(), drift.getSchemas(), drift.isIncludePrivileges());
    }

    private static MultiSchemaSettings multiSchema(MsrProperties properties) {
        MsrProperties.Shard shard = properties.getShard();
        return new MultiSchemaSettings(properties.getSchemas(), properties.getParallelism(),
                properties.isContinueOnError(), shard.getIndex() == null ? 0 : shard.getIndex(), shard.getCount());
    }
}
