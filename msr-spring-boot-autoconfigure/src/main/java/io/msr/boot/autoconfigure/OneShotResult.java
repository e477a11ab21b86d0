package io.msr.boot.autoconfigure;

import io.msr.MsrResult;

/**
 * The outcome of a one-shot {@code msr.mode} that succeeded inside a test, where MSR never ends the JVM. It is a
 * bean of the application context: a test started with {@code @SpringBootTest(properties = "msr.mode=migrate")}
 * injects it and asserts on it. A failed one-shot operation fails the context instead: the
 * {@link io.msr.MsrException} it ended with (which has {@code exitCode()} and {@code result()}) is in the cause
 * chain of the context failure. A launched application never gets this far: it exits with {@link #exitCode()}.
 *
 * @param mode the one-shot mode that ran
 * @param exitCode the process exit code the operation stands for (0 here, since it succeeded)
 * @param result what was reported: the result of the mode's operation ({@code OperationResult} for migrate,
 *     {@code InfoResult} for info, {@code CheckResult} for check, {@code SchemasResult} over many schemas, and so on;
 *     drift found is exit code 9, which fails the context as every non-zero exit code does)
 */
public record OneShotResult(MsrMode mode, int exitCode, MsrResult result) {

    /** Returns the result as the given type, failing with a message naming the actual type otherwise. */
    public <T> T result(Class<T> type) {
        if (!type.isInstance(result)) {
            throw new IllegalStateException("msr.mode=" + mode.propertyValue() + " reported a "
                    + result.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(result);
    }
}
