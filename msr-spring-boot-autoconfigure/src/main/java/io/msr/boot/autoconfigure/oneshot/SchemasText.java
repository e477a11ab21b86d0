package io.msr.boot.autoconfigure.oneshot;

import io.msr.DriftResult;
import io.msr.InfoResult;
import io.msr.OperationResult;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;

import java.util.List;
import java.util.Locale;

/**
 * The human-readable text of a one-shot operation over many schemas: a line per schema up to
 * {@value #SCHEMAS_LISTED} schemas, else the failed ones (and, for info, those behind) only, then the headline.
 */
final class SchemasText {

    static final int SCHEMAS_LISTED = 20;

    private SchemasText() {
    }

    static String of(SchemasResult<?> result) {
        StringBuilder text = new StringBuilder();
        List<? extends SchemaOutcome<?>> shown = result.schemas().size() <= SCHEMAS_LISTED ? result.schemas()
                : notable(result);
        int listed = 0;
        for (SchemaOutcome<?> outcome : shown) {
            if (listed++ == SCHEMAS_LISTED) {
                text.append("  ... ").append(shown.size() - SCHEMAS_LISTED)
                        .append(" more; every schema is in msr.summary-path").append(System.lineSeparator());
                break;
            }
            text.append(String.format("  %-12s %-30s %s%n", outcome.status(), outcome.schema(), line(outcome)));
        }
        return text.append(headline(result)).toString();
    }

    /** Returns the last line: the counts and the exit code. */
    public static String headline(SchemasResult<?> result) {
        String shard = result.shardCount() > 1 ? " (shard " + result.shardIndex() + " of " + result.shardCount() + ")"
                : "";
        String counts = result.schemas().size() + " schema(s)" + shard + ": "
                + result.count(SchemaOutcome.Status.SUCCEEDED) + " succeeded, "
                + result.count(SchemaOutcome.Status.FAILED) + " failed, "
                + result.count(SchemaOutcome.Status.NOT_STARTED) + " not started";
        String name = result.operation().name().toLowerCase(Locale.ROOT);
        String behind = result.operation() == io.msr.Operation.INFO ? ", " + result.behind().size() + " behind" : "";
        String executed = result.executedMigrations() > 0 ? ", " + result.executedMigrations() + " migration(s) run"
                : "";
        return "MSR " + name + (result.success() ? " succeeded over " : " FAILED over ") + counts + behind + executed
                + ", " + result.durationMs() + " ms (exit code " + result.exitCode().code() + ")";
    }

    /** Returns the headline and the first failed schemas with their errors: why migrate-on-start failed startup. */
    public static String failed(SchemasResult<?> result) {
        StringBuilder failed = new StringBuilder(headline(result)).append(". Failed:");
        result.failures().stream().limit(SchemasResult.SUMMARY_SCHEMAS_LISTED).forEach(outcome ->
                failed.append(' ').append(outcome.schema()).append(" (exit code ")
                        .append(outcome.exitCode().code()).append(outcome.failure() == null ? ")"
                                : "): " + OneShotText.clip(outcome.failure().message(), 300)).append(';'));
        return failed.toString();
    }

    private static List<? extends SchemaOutcome<?>> notable(SchemasResult<?> result) {
        List<SchemaOutcome<?>> notable = new java.util.ArrayList<>(result.failures());
        notable.addAll(result.behind());
        return notable;
    }

    private static String line(SchemaOutcome<?> outcome) {
        if (outcome.status() == SchemaOutcome.Status.NOT_STARTED) {
            return "left as it was: an earlier schema failed (msr.continue-on-error=false)";
        }
        String exit = outcome.exitCode().code() == 0 ? "" : "exit code " + outcome.exitCode().code() + ": ";
        if (outcome.failure() != null) {
            return exit + OneShotText.clip(outcome.failure().message(), 300);
        }
        Object result = outcome.result();
        if (result instanceof OperationResult operation) {
            return exit + operation.succeeded().size() + " migration(s) run, schema version "
                    + OneShotText.version(operation.schemaVersionBefore()) + " -> "
                    + OneShotText.version(operation.schemaVersionAfter());
        }
        if (result instanceof InfoResult info) {
            return OneShotText.headline(info);
        }
        if (result instanceof DriftResult drift) {
            return exit + drift.message();
        }
        return exit;
    }
}
