package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operation over many schemas did in one of them.
 *
 * @param schema   the schema
 * @param status   whether the operation ran there, and how it ended
 * @param exitCode the schema's exit code: the result's (a drift found is 9) or the failure's; null when not started
 * @param result   the operation's result in the schema, or null when it failed or did not start
 * @param failure  why it failed, or null
 * @param partial  what a failed operation did before it failed (the migrations that ran), or null
 * @param <T>      the operation's result type
 */
public record SchemaOutcome<T>(String schema, Status status, @Nullable ExitCode exitCode, @Nullable T result,
        @Nullable Failure failure, @Nullable OperationResult partial) {

    /** How the operation went in a schema. */
    public enum Status {
        /** It ran and ended with exit code 0. */
        SUCCEEDED,
        /** It ran and ended with another exit code: it failed, or found something (drift). */
        FAILED,
        /** It did not start, because another schema failed first (see {@link MultiSchemaSettings#continueOnError()}). */
        NOT_STARTED
    }

    /** Returns an outcome for a schema the operation did not start in. */
    public static <T> SchemaOutcome<T> notStarted(String schema) {
        return new SchemaOutcome<>(schema, Status.NOT_STARTED, null, null, null, null);
    }

    /** Returns the outcome of a result, whose exit code decides whether it succeeded. */
    public static <T> SchemaOutcome<T> of(String schema, T result, ExitCode exitCode) {
        return new SchemaOutcome<>(schema, exitCode == ExitCode.SUCCESS ? Status.SUCCEEDED : Status.FAILED, exitCode,
                result, null, null);
    }

    /** Returns the outcome of a failure. */
    public static <T> SchemaOutcome<T> failed(String schema, MsrException failure) {
        return new SchemaOutcome<>(schema, Status.FAILED, failure.exitCode(), null, failure.toFailure(),
                failure.result().orElse(null));
    }

    /**
     * Returns the outcome as plain values: {@code schema}, {@code status}, {@code exitCode}, what the operation reports
     * in brief ({@code schemaVersionBefore}/{@code After} and {@code executed} for an {@link OperationResult},
     * {@code schemaVersion} and {@code pending} for an {@link InfoResult}, {@code drift} and {@code differences} for
     * a {@link DriftResult}), and on failure {@code failure} with its type, message (at most
     * {@code messageLimit} characters), version, script and SQLState.
     */
    public Map<String, @Nullable Object> toMap(int messageLimit) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("schema", schema);
        map.put("status", status.name());
        if (exitCode != null) {
            map.put("exitCode", exitCode.code());
        }
        OperationResult operation = result instanceof OperationResult done ? done : partial;
        if (operation != null) {
            map.put("schemaVersionBefore", Version.jsonValue(operation.schemaVersionBefore()));
            map.put("schemaVersionAfter", Version.jsonValue(operation.schemaVersionAfter()));
            map.put("executed", operation.succeeded().size());
        } else if (result instanceof InfoResult info) {
            map.put("schemaVersion", Version.jsonValue(info.schemaVersion()));
            map.put("pending", info.pending().size());
        } else if (result instanceof DriftResult drift) {
            map.put("drift", drift.status().name());
            map.put("differences", drift.differences().size());
        }
        if (failure != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", failure.type());
            String message = failure.message();
            error.put("message", message != null && message.length() > messageLimit
                    ? message.substring(0, messageLimit) + "..." : message);
            error.put("version", Version.jsonValue(failure.version()));
            error.put("script", failure.script());
            error.put("sqlState", failure.sqlState());
            map.put("failure", error);
        }
        return map;
    }
}
