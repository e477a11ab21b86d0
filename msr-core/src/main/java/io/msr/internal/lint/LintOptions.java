package io.msr.internal.lint;

import io.msr.MsrSettings;
import io.msr.TransactionMode;
import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Set;

/**
 * What the lint needs besides the migrations.
 *
 * @param disabledRules   rule ids never reported
 * @param enabledRules    rule ids off by default (the style rules) that are reported
 * @param postgresVersion the PostgreSQL major version the version-aware rules assume
 * @param transactionMode how the run wraps migrations in transactions (which files run in one, and which share one)
 */
public record LintOptions(Set<String> disabledRules, Set<String> enabledRules, int postgresVersion,
        TransactionMode transactionMode) {

    /** The newest PostgreSQL major version the rules know, assumed when linting offline without a setting. */
    public static final int NEWEST_POSTGRES_VERSION = 18;

    /** Copies the sets. */
    public LintOptions {
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        Objects.requireNonNull(transactionMode, "transactionMode");
    }

    /** Returns the defaults: every default rule, the newest PostgreSQL, one transaction per migration. */
    public static LintOptions defaults() {
        return new LintOptions(Set.of(), Set.of(), NEWEST_POSTGRES_VERSION, TransactionMode.PER_MIGRATION);
    }

    /**
     * Returns the options of the settings: {@code msr.lint.postgres-version} when set, else the connected server's
     * major version, else (offline, {@code serverVersion} null) the newest supported.
     */
    public static LintOptions of(MsrSettings settings, @Nullable Integer serverVersion) {
        int version = settings.lint().postgresVersion() != null ? settings.lint().postgresVersion()
                : serverVersion != null ? serverVersion : NEWEST_POSTGRES_VERSION;
        return new LintOptions(settings.lint().disabledRules(), settings.lint().enabledRules(), version,
                settings.transactionMode());
    }

    /** Returns these options with other disabled rules. */
    public LintOptions withDisabledRules(Set<String> ids) {
        return new LintOptions(ids, enabledRules, postgresVersion, transactionMode);
    }

    /** Returns these options with other enabled rules. */
    public LintOptions withEnabledRules(Set<String> ids) {
        return new LintOptions(disabledRules, ids, postgresVersion, transactionMode);
    }

    /** Returns these options for another PostgreSQL major version. */
    public LintOptions withPostgresVersion(int version) {
        return new LintOptions(disabledRules, enabledRules, version, transactionMode);
    }

    /** Returns true when the rule is reported. */
    boolean reports(LintRule rule) {
        return !disabledRules.contains(rule.id()) && (rule.enabledByDefault() || enabledRules.contains(rule.id()));
    }
}
