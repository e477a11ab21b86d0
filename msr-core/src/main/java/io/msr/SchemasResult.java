package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operation over many schemas did ({@link AcrossSchemas}): each schema's outcome, in the order of the schema
 * list, and the exit code of the whole, the {@link ExitCode#mostSevere most severe} of the schemas'.
 *
 * @param operation  the operation
 * @param exitCode   the most severe exit code of the schemas; 0 when every schema succeeded (or there was none)
 * @param startedAt  when the operation started
 * @param durationMs how long it took in all
 * @param shardIndex this process's shard ({@link MultiSchemaSettings#shardIndex()})
 * @param shardCount the number of shards; the schemas are this shard's only
 * @param schemas    each schema's outcome
 * @param <T>        the result type of the operation in one schema
 */
public record SchemasResult<T>(Operation operation, ExitCode exitCode, Instant startedAt, long durationMs,
        int shardIndex, int shardCount, List<SchemaOutcome<T>> schemas) implements MsrResult {

    /** How many schemas a summary lists by name at most, failures first. */
    public static final int SUMMARY_SCHEMAS_LISTED = 10;

    /** Copies the list. */
    public SchemasResult {
        schemas = List.copyOf(schemas);
    }

    /** Returns how many schemas ended with the status. */
    public int count(SchemaOutcome.Status status) {
        int count = 0;
        for (SchemaOutcome<T> outcome : schemas) {
            if (outcome.status() == status) {
                count++;
            }
        }
        return count;
    }

    /** Returns the outcomes of the schemas that failed (or found drift), in list order. */
    public List<SchemaOutcome<T>> failures() {
        List<SchemaOutcome<T>> failed = new ArrayList<>();
        for (SchemaOutcome<T> outcome : schemas) {
            if (outcome.status() == SchemaOutcome.Status.FAILED) {
                failed.add(outcome);
            }
        }
        return failed;
    }

    /**
     * Returns the schemas with pending migrations, in list order: for {@code info}, those whose result lists any;
     * for other operations, none.
     */
    public List<SchemaOutcome<T>> behind() {
        List<SchemaOutcome<T>> behind = new ArrayList<>();
        for (SchemaOutcome<T> outcome : schemas) {
            if (outcome.result() instanceof InfoResult info && !info.pending().isEmpty()) {
                behind.add(outcome);
            }
        }
        return behind;
    }

    /** Returns how many migrations ran and committed over all schemas (the failed schemas' too). */
    public int executedMigrations() {
        int executed = 0;
        for (SchemaOutcome<T> outcome : schemas) {
            OperationResult result = outcome.result() instanceof OperationResult done ? done : outcome.partial();
            if (result != null) {
                executed += result.succeeded().size();
            }
        }
        return executed;
    }

    /** Returns the summary as JSON: {@link #toSummaryMap(int)}. */
    public String toSummaryJson(int listed) {
        return Json.write(toSummaryMap(listed));
    }

    /**
     * Returns the whole result as plain values: the summary's fields up to {@code counts}, then {@code schemas} with
     * every outcome. {@link #success()} is true when every schema succeeded.
     */
    @Override
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = headerAndCounts();
        List<Object> outcomes = new ArrayList<>();
        for (SchemaOutcome<T> outcome : schemas) {
            outcomes.add(outcome.toMap(2000));
        }
        map.put("schemas", outcomes);
        return map;
    }

    /**
     * Returns a summary whose size does not grow with the number of schemas: the header ({@code operation},
     * {@code success}, {@code exitCode}), {@code startedAt}, {@code durationMs}, {@code shard}, the {@code counts} by
     * status with the migrations executed, and at most {@code listed} failed schemas ({@code failures}, messages
     * shortened) and, for info, schemas behind ({@code behind}), each list with how many it leaves out.
     */
    public Map<String, @Nullable Object> toSummaryMap(int listed) {
        Map<String, @Nullable Object> map = headerAndCounts();
        List<SchemaOutcome<T>> failures = failures();
        map.put("failures", listed(failures, listed, 300));
        if (failures.size() > listed) {
            map.put("failuresNotListed", failures.size() - listed);
        }
        if (operation == Operation.INFO) {
            List<SchemaOutcome<T>> behind = behind();
            map.put("behind", listed(behind, listed, 300));
            if (behind.size() > listed) {
                map.put("behindNotListed", behind.size() - listed);
            }
        }
        return map;
    }

    private Map<String, @Nullable Object> headerAndCounts() {
        Map<String, @Nullable Object> map = Json.header(this);
        map.put("startedAt", startedAt.toString());
        map.put("durationMs", durationMs);
        Map<String, @Nullable Object> shard = new LinkedHashMap<>();
        shard.put("index", shardIndex);
        shard.put("count", shardCount);
        map.put("shard", shard);
        Map<String, @Nullable Object> counts = new LinkedHashMap<>();
        counts.put("schemas", schemas.size());
        counts.put("succeeded", count(SchemaOutcome.Status.SUCCEEDED));
        counts.put("failed", count(SchemaOutcome.Status.FAILED));
        counts.put("notStarted", count(SchemaOutcome.Status.NOT_STARTED));
        counts.put("executedMigrations", executedMigrations());
        map.put("counts", counts);
        return map;
    }

    private static <T> List<Object> listed(List<SchemaOutcome<T>> outcomes, int limit, int messageLimit) {
        List<Object> maps = new ArrayList<>();
        for (SchemaOutcome<T> outcome : outcomes.subList(0, Math.min(limit, outcomes.size()))) {
            maps.add(outcome.toMap(messageLimit));
        }
        return maps;
    }
}
