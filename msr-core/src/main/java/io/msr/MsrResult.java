package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * What an operation of MSR returned: every result the engine produces is one of these, so that whatever shows a
 * result (the one-shot summary, the log event, the termination message, the Actuator endpoint) can show any of them.
 *
 * <p>Every result's {@link #toMap()} and {@link #toJson()} start with the same header, written in one place:
 * {@code operation} (the {@link Operation}'s name), {@code success} ({@link #success()}) and {@code exitCode}
 * ({@link ExitCode#code()}); what follows is the result's own.
 */
public sealed interface MsrResult
        permits OperationResult, InfoResult, CheckResult, DriftResult, SchemasResult, LockStatus {

    /** Returns the operation this is the result of. */
    Operation operation();

    /** Returns the process exit code this result stands for: {@link ExitCode#SUCCESS} or the code of what it found. */
    ExitCode exitCode();

    /** Returns true when the exit code is {@link ExitCode#SUCCESS}. */
    default boolean success() {
        return exitCode() == ExitCode.SUCCESS;
    }

    /**
     * Returns this result as plain values (strings, numbers, booleans, lists and maps, in a stable order): the header
     * ({@code operation}, {@code success}, {@code exitCode}), then the result's own fields.
     */
    Map<String, @Nullable Object> toMap();

    /** Returns {@link #toMap()} as a compact JSON object. */
    default String toJson() {
        return Json.write(toMap());
    }

    /** Returns only the header ({@code operation}, {@code success}, {@code exitCode}) as a JSON object. */
    default String toHeaderJson() {
        return Json.write(Json.header(this));
    }
}
