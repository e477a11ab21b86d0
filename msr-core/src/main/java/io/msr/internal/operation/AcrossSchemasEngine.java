package io.msr.internal.operation;

import io.msr.AcrossSchemas;
import io.msr.ConfigurationException;
import io.msr.DriftResult;
import io.msr.ExitCode;
import io.msr.Failure;
import io.msr.InfoResult;
import io.msr.Msr;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.MultiSchemaSettings;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.Redaction;
import io.msr.SchemaOutcome;
import io.msr.SchemaSource;
import io.msr.SchemasResult;
import io.msr.Version;
import io.msr.internal.jdbc.SqlErrors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * msr-core's {@link AcrossSchemas}: finds this process's schemas (the settings' list or the source's, then the
 * shard's share), runs the operation in each on an engine of that schema, and sums the outcomes up. One operation
 * resolves the migrations once for all its schemas ({@link EngineContext#resolvingOnce}): every schema gets the same
 * migrations, read once however many schemas there are.
 * <p>
 * At most {@link MultiSchemaSettings#parallelism()} schemas run at once: as many worker threads take the next schema
 * of the list until none is left, so a slow schema never holds a slot idle. After a schema failed (its work threw),
 * the workers start no new schema unless {@link MultiSchemaSettings#continueOnError()}; the schemas already started
 * finish. A result with a non-zero exit code (a drift found) is reported as failed but stops nothing. The caller's
 * thread is one of the workers; while the work runs, the logging context ({@link MDC}) names the schema under
 * {@value #MDC_KEY}.
 */
final class AcrossSchemasEngine implements AcrossSchemas {

    /** The logging context key that names the schema being worked on. */
    static final String MDC_KEY = "msr.schema";

    private static final Logger log = LoggerFactory.getLogger(AcrossSchemasEngine.class);

    private final EngineContext context;
    private final MultiSchemaSettings settings;
    private final @Nullable SchemaSource source;
    private final Function<EngineContext, Msr> engines;

    /**
     * @param context the engine's context; {@link MsrSettings#multiSchema()} gives the schema list, parallelism and
     *                shard, and its connections read the source
     * @param source  lists the schemas when the settings do not, or null
     * @param engines makes the engine of one schema from that schema's context
     */
    AcrossSchemasEngine(EngineContext context, @Nullable SchemaSource source, Function<EngineContext, Msr> engines) {
        this.context = context;
        this.settings = context.settings().multiSchema();
        this.source = source;
        this.engines = engines;
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
    public SchemasResult<OperationResult> baseline(@Nullable Version version) {
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
        List<SchemaOutcome<T>> outcomes = runEach(schemas,
                schema -> work.apply(engines.apply(once.forSchema(schema))), exitCode);
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

    /**
     * Runs {@code work} for each schema and returns the outcomes in the order of {@code schemas}; {@code exitCode}
     * tells a result's exit code. Never throws for a schema's failure: an {@link MsrException} becomes the schema's
     * failed outcome, any other exception a failed outcome with exit code 1.
     */
    private <T> List<SchemaOutcome<T>> runEach(List<String> schemas, Function<String, T> work,
            Function<T, ExitCode> exitCode) {
        AtomicReferenceArray<SchemaOutcome<T>> outcomes = new AtomicReferenceArray<>(schemas.size());
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        boolean continueOnError = settings.continueOnError();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < schemas.size(); i = next.getAndIncrement()) {
                String schema = schemas.get(i);
                if (stopped.get() && !continueOnError) {
                    outcomes.set(i, SchemaOutcome.notStarted(schema));
                    continue;
                }
                SchemaOutcome<T> outcome = runOne(schema, work, exitCode);
                if (outcome.result() == null) {
                    stopped.set(true);
                }
                outcomes.set(i, outcome);
            }
        };
        int threads = Math.min(Math.max(1, settings.parallelism()), schemas.size());
        List<Thread> helpers = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (int t = 1; t < threads; t++) {
            Thread helper = new Thread(worker, "msr-schema-" + t);
            helper.setDaemon(true);
            helper.setContextClassLoader(loader);
            helper.start();
            helpers.add(helper);
        }
        worker.run();
        for (Thread helper : helpers) {
            joinUninterruptibly(helper);
        }
        List<SchemaOutcome<T>> ordered = new ArrayList<>(schemas.size());
        for (int i = 0; i < schemas.size(); i++) {
            ordered.add(outcomes.get(i));
        }
        return ordered;
    }

    private static <T> SchemaOutcome<T> runOne(String schema, Function<String, T> work,
            Function<T, ExitCode> exitCode) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, schema);
        try {
            T result = work.apply(schema);
            return SchemaOutcome.of(schema, result, exitCode.apply(result));
        } catch (MsrException e) {
            log.warn("Schema {}: {} failed with exit code {}", schema, e.result().map(r -> r.operation().name()
                    .toLowerCase(Locale.ROOT)).orElse("the operation"), e.exitCode().code());
            return SchemaOutcome.failed(schema, e);
        } catch (RuntimeException e) {
            log.error("Schema {}: the operation failed unexpectedly", schema, e);
            return new SchemaOutcome<>(schema, SchemaOutcome.Status.FAILED, ExitCode.ERROR, null,
                    new Failure(ExitCode.ERROR, e.getClass().getSimpleName(),
                            Redaction.redact(String.valueOf(e.getMessage())), null, null, null, null), null);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    // A worker is never interrupted by MSR; should the caller be, the workers still finish their schema first, so
    // that no schema is reported while its migration still runs.
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
