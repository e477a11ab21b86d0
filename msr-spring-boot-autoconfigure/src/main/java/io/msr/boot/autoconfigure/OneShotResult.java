package io.msr.boot.autoconfigure;

/**
 * The outcome of a one-shot {@code msr.mode} that succeeded inside a test, where MSR never ends the JVM. It is a
 * bean of the application context: a test started with {@code @SpringBootTest(properties = "msr.mode=migrate")}
 * injects it and asserts on it. A failed one-shot operation fails the context instead: the
 * {@link io.msr.MsrException} it ended with (which has {@code exitCode()} and {@code result()}) is in the cause
 * chain of the context failure. A launched application never gets this far: it exits with {@link #exitCode()}.
 *
 * @param mode the one-shot mode that ran
 * @param exitCode the process exit code the operation stands for (0 here, since it succeeded)
 * @param result what was reported: an {@link io.msr.OperationResult} ({@code migrate}, {@code validate},
 *     {@code down}, {@code repair}, {@code backup}, {@code restore}), an {@link io.msr.InfoResult} ({@code info})
 *     an {@link io.msr.LockStatus} ({@code lock-status}, {@code lock-release}), an {@link io.msr.CheckResult}
 *     ({@code check}) or an {@link io.msr.DriftResult} ({@code drift}; drift found is exit code 9, which fails the
 *     context as every non-zero exit code does)
 */
public record OneShotResult(MsrMode mode, int exitCode, Object result) {

    /** Returns the result as the given type, failing with a message naming the actual type otherwise. */
    public <T> T result(Class<T> type) {
        if (!type.isInstance(result)) {
            throw new IllegalStateException("msr.mode=" + mode.propertyValue() + " reported a "
                    + result.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(result);
    }
}
