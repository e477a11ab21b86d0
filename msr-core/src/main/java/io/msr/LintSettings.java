package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Set;

/**
 * The lint of pending SQL migrations for statements that break zero-downtime deploys ({@code msr.lint.*}).
 *
 * @param enabled         check pending SQL migrations (default true); findings are warnings, errors with
 *                        {@link MsrSettings#strict()}
 * @param disabledRules   lint rule ids never reported; an unknown id fails {@link Msr.Builder#build()}
 * @param enabledRules    lint rule ids that are off by default (the style rules, e.g. {@code prefer-bigint}) and
 *                        reported here; an unknown id fails {@link Msr.Builder#build()}
 * @param postgresVersion the PostgreSQL major version the version-aware lint rules assume (e.g. 11: a constant default
 *                        is free), or null (the default) for the connected server's, or the newest supported when
 *                        linting offline
 */
public record LintSettings(boolean enabled, Set<String> disabledRules, Set<String> enabledRules,
        @Nullable Integer postgresVersion) {

    /** Copies the sets; throws {@link ConfigurationException} for a version that is no PostgreSQL major version. */
    public LintSettings {
        disabledRules = Set.copyOf(Objects.requireNonNull(disabledRules, "lintDisabledRules"));
        enabledRules = Set.copyOf(Objects.requireNonNull(enabledRules, "lintEnabledRules"));
        if (postgresVersion != null && postgresVersion < 9) {
            throw new ConfigurationException("msr.lint.postgres-version is " + postgresVersion
                    + "; give a PostgreSQL major version such as 16, or leave it unset for the server's.");
        }
    }

    /** Returns the defaults: enabled, the default rules, the server's version. */
    public static LintSettings defaults() {
        return new LintSettings(true, Set.of(), Set.of(), null);
    }
}
