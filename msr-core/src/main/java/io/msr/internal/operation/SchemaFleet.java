package io.msr.internal.operation;

import io.msr.AcrossSchemas;
import io.msr.ConfigurationException;
import io.msr.DriftResult;
import io.msr.ExitCode;
import io.msr.InfoResult;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.MultiSchemaSettings;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.SchemaOutcome;
import io.msr.SchemaSource;
import io.msr.SchemasResult;
import io.msr.Version;
import io.msr.internal.jdbc.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * msr-core's {@link AcrossSchemas}: finds this process's schemas (the settings' list or the source's, then the
 * shard's share), runs the operation in each on an engine of that schema through a {@link SchemaFanOut}, and sums the
 * outcomes up. One operation resolves the migrations once for all its schemas ({@link EngineContext#resolvingOnce}):
 * every schema gets the same migrations, read once however many schemas there are.
 */
final class SchemaFleet implements AcrossSchemas {

    private static final Logger log = LoggerFactory.getLogger(SchemaFleet.class);

    private final EngineContext context;
    private final MultiSchemaSettings settings;
    private final SchemaSource source;

    /**
     * @param context the engine's context; {@link MsrSettings#multiSchema()} gives the schema list, parallelism and
     *                shard, and its connections read the source
     * @param source  lists the schemas when the settings do not, or null
     */
    SchemaFleet(EngineContext context, SchemaSource source) {
        this.context = context;
        this.settings = context.settings().multiSchema();
        this.source = source;
    }

    @Override
    public List<String> schemas() {
        List<String> all = settings.schemas().isEmpty() ? fromSource() : settings.schemas();
        return settings.shardOf(all);
    }

    private List<String> fromSource() {
        if (source == null) {
            throw new ConfigurationException("No schemas are configured for an operation over many schemas: set"
                    + " msr.schemas to a comma-separated list, or give a SchemaSource (an MsrSchemaSource bean).");
        }
        try (Connection connection = context.connections().openFirst(context.settings().connectWait())) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                List<String> names = source.schemas(connection);
                return MultiSchemaSettings.checkedNames(names == null ? List.of() : names, "The SchemaSource");
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not list the schemas with the SchemaSource", e);
        }
    }

    @Override
    public SchemasResult<OperationResult> migrate() {
        return run(Operation.MIGRATE, Msr::migrate, OperationResult::exitCode);
    }

    @Override
    public SchemasResult<InfoResult> info() {
        return run(Operation.INFO, Msr::info, info -> ExitCode.SUCCESS);
    }

    @Override
    public SchemasResult<OperationResult> validate() {
        return run(Operation.VALIDATE, Msr::validate, OperationResult::exitCode);
    }

    @Override
    public SchemasResult<OperationResult> down(Version target) {
        return run(Operation.DOWN, msr -> msr.down(target), OperationResult::exitCode);
    }

    @Override
    public SchemasResult<OperationResult> repair() {
        return run(Operation.REPAIR, Msr::repair, OperationResult::exitCode);
    }

    @Override
    public SchemasResult<OperationResult> baseline(Version version) {
        if (version == null) {
            throw new ConfigurationException("A baseline needs its version: set msr.baseline-version to the version"
                    + " the schemas already hold everything up to.");
        }
        return run(Operation.BASELINE, msr -> msr.baseline(version), OperationResult::exitCode);
    }

    @Override
    public SchemasResult<DriftResult> drift() {
        return run(Operation.DRIFT, Msr::drift, DriftResult::exitCode);
    }

    @Override
    public SchemasResult<DriftResult> recordFingerprint() {
        return run(Operation.DRIFT, Msr::recordFingerprint, DriftResult::exitCode);
    }

    private <T> SchemasResult<T> run(Operation operation, Function<Msr, T> work, Function<T, ExitCode> exitCode) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<String> schemas = schemas();
        String name = OperationTemplate.name(operation);
        if (schemas.isEmpty()) {
            log.warn("{} over schemas: no schema {}; nothing to do", name, settings.shardCount() > 1
                    ? "falls in shard " + settings.shardIndex() + " of " + settings.shardCount() : "is listed");
        } else {
            log.info("{} over {} schema(s){}, {} at a time", name, schemas.size(), settings.shardCount() > 1
                    ? " (shard " + settings.shardIndex() + " of " + settings.shardCount() + ")" : "",
                    Math.min(settings.parallelism(), schemas.size()));
        }
        EngineContext once = context.resolvingOnce();
        List<SchemaOutcome<T>> outcomes = new SchemaFanOut(settings.parallelism(), settings.continueOnError())
                .run(schemas, schema -> work.apply(new Engine(once.forSchema(schema), source)), exitCode);
        List<ExitCode> codes = new ArrayList<>();
        for (SchemaOutcome<T> outcome : outcomes) {
            codes.add(outcome.exitCode());
        }
        SchemasResult<T> result = new SchemasResult<>(operation, ExitCode.mostSevere(codes), startedAt,
                Duration.ofNanos(System.nanoTime() - start).toMillis(), settings.shardIndex(), settings.shardCount(),
                outcomes);
        logSummary(name, result);
        return result;
    }

    private static <T> void logSummary(String name, SchemasResult<T> result) {
        int failed = result.count(SchemaOutcome.Status.FAILED);
        int notStarted = result.count(SchemaOutcome.Status.NOT_STARTED);
        String counts = result.schemas().size() + " schema(s): " + result.count(SchemaOutcome.Status.SUCCEEDED)
                + " succeeded, " + failed + " failed, " + notStarted + " not started, in " + result.durationMs()
                + " ms";
        if (failed == 0) {
            log.info("{} over {}", name, counts);
            return;
        }
        List<String> names = new ArrayList<>();
        for (SchemaOutcome<T> failure : result.failures()) {
            if (names.size() == SchemasResult.SUMMARY_SCHEMAS_LISTED) {
                names.add("...");
                break;
            }
            names.add(failure.schema() + " (exit " + failure.exitCode().code() + ")");
        }
        log.error("{} over {}; failed: {}{}", name, counts, String.join(", ", names), notStarted > 0
                ? "; the schemas not started were left as they were (msr.continue-on-error=true starts them anyway)"
                : "");
    }
}
