package io.msr.internal.operation;

import io.msr.ExitCode;
import io.msr.MsrException;
import io.msr.Redaction;
import io.msr.SchemaOutcome;
import io.msr.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs one piece of work per schema with at most {@code parallelism} schemas at once: {@code parallelism} worker
 * threads take the next schema of the list until none is left, so a slow schema never holds a slot idle. After a
 * schema failed (its work threw), the workers start no new schema unless {@code continueOnError}; the schemas already
 * started finish. A result with a non-zero exit code (a drift found) is reported as failed but stops nothing. The
 * caller's thread is one of the workers; while the work runs, the logging context ({@link MDC}) names the schema under
 * {@value #MDC_KEY}.
 */
final class SchemaFanOut {

    /** The logging context key that names the schema being worked on. */
    static final String MDC_KEY = "msr.schema";

    private static final Logger log = LoggerFactory.getLogger(SchemaFanOut.class);

    private final int parallelism;
    private final boolean continueOnError;

    /** Creates a fan-out; {@code parallelism} is at least 1. */
    SchemaFanOut(int parallelism, boolean continueOnError) {
        this.parallelism = Math.max(1, parallelism);
        this.continueOnError = continueOnError;
    }

    /**
     * Runs {@code work} for each schema and returns the outcomes in the order of {@code schemas}; {@code exitCode}
     * tells a result's exit code. Never throws for a schema's failure: an {@link MsrException} becomes the schema's
     * failed outcome, any other exception a failed outcome with exit code 1.
     */
    <T> List<SchemaOutcome<T>> run(List<String> schemas, Function<String, T> work,
            Function<T, ExitCode> exitCode) {
        AtomicReferenceArray<SchemaOutcome<T>> outcomes = new AtomicReferenceArray<>(schemas.size());
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
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
        int threads = Math.min(parallelism, schemas.size());
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
                    .toLowerCase(java.util.Locale.ROOT)).orElse("the operation"), e.exitCode().code());
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
