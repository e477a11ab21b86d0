package io.msr.internal.plan;

import io.msr.Version;
import io.msr.DownPolicy;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MigrationInfo;
import io.msr.MigrationState;
import io.msr.MsrSettings;
import io.msr.TransactionMode;
import io.msr.internal.history.HistoryState;
import io.msr.internal.lint.LintFinding;
import io.msr.internal.lint.LintOptions;
import io.msr.internal.lint.MigrationLinter;
import io.msr.internal.source.ResolvedMigration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares resolved migrations with the applied history and the settings, and returns the plan: pure, no
 * database, no clock. Every rule that can block a run lives here, so it can be tested without a database.
 */
public final class MigrationPlanner {

    private MigrationPlanner() {
    }

    /**
     * Plans a migrate run.
     *
     * @param resolved         the resolved migrations, sorted by version (duplicates included)
     * @param resolutionIssues problems found while resolving files
     * @param history          the replayed history
     * @param settings         the settings (target, out-of-order, strict, down policy, transaction mode)
     */
    public static MigrationPlan plan(List<ResolvedMigration> resolved, List<Issue> resolutionIssues,
            HistoryState history, MsrSettings settings) {
        return plan(resolved, resolutionIssues, history, settings, false);
    }

    /**
     * Plans as {@link #plan(List, List, HistoryState, MsrSettings)}; {@code underLock} says the caller holds the
     * migration lock, so a migration that started outside a transaction and never finished was interrupted (its
     * runner died) rather than running now.
     */
    public static MigrationPlan plan(List<ResolvedMigration> resolved, List<Issue> resolutionIssues,
            HistoryState history, MsrSettings settings, boolean underLock) {
        return plan(resolved, resolutionIssues, history, settings, underLock, null);
    }

    /**
     * Plans as {@link #plan(List, List, HistoryState, MsrSettings, boolean)}; {@code serverVersion} is the connected
     * server's PostgreSQL major version, which the lint's version-aware rules assume unless
     * {@code msr.lint.postgres-version} is set (null: the newest supported).
     */
    public static MigrationPlan plan(List<ResolvedMigration> resolved, List<Issue> resolutionIssues,
            HistoryState history, MsrSettings settings, boolean underLock, Integer serverVersion) {
        List<Issue> issues = new ArrayList<>(resolutionIssues);
        Map<Version, ResolvedMigration> byVersion = uniqueByVersion(resolved, issues);
        Version schemaVersion = history.schemaVersion();
        Version earliest = null;
        Version latest = null;
        for (Version version : byVersion.keySet()) {
            earliest = earliest == null ? version : earliest;
            latest = version;
        }
        Version target = settings.target();

        List<ResolvedMigration> pending = new ArrayList<>();
        List<MigrationInfo> infos = new ArrayList<>();
        for (ResolvedMigration migration : byVersion.values()) {
            Version version = migration.version();
            HistoryEntry applied = history.applied().get(version);
            HistoryEntry failed = history.failed().get(version);
            MigrationState state;
            if (failed != null) {
                state = MigrationState.FAILED;
                issues.add(failedIssue(failed));
            } else if (applied != null) {
                state = MigrationState.APPLIED;
                if (applied.checksum() != null && migration.checksum() != null
                        && !applied.checksum().equals(migration.checksum())) {
                    state = MigrationState.CHECKSUM_MISMATCH;
                    issues.add(Issue.error("CHECKSUM_MISMATCH", "Migration V" + version + " (" + migration.script()
                            + ") was edited after it was applied: checksum " + applied.checksum() + " in history, "
                            + migration.checksum() + " on disk. Restore the file, or accept the edit with"
                            + " msr.mode=repair and msr.force=true.", version, migration.script()));
                }
            } else if (history.started().containsKey(version)) {
                state = underLock ? MigrationState.FAILED : MigrationState.IN_PROGRESS;
                if (underLock) {
                    issues.add(interruptedIssue(history.started().get(version)));
                }
            } else if (history.coveredByBaseline(version)) {
                state = MigrationState.BELOW_BASELINE;
            } else if (target != null && version.isAbove(target)) {
                state = MigrationState.ABOVE_TARGET;
            } else if (schemaVersion != null && version.isBelow(schemaVersion)) {
                state = MigrationState.OUT_OF_ORDER;
                if (settings.outOfOrder()) {
                    pending.add(migration);
                } else {
                    issues.add(Issue.error("OUT_OF_ORDER", "Migration V" + version + " (" + migration.script()
                            + ") was never applied but is older than the newest applied migration V" + schemaVersion
                            + ". Give it a version newer than V" + schemaVersion
                            + ", or set msr.out-of-order=true to apply it anyway.", version, migration.script()));
                }
            } else {
                state = MigrationState.PENDING;
                pending.add(migration);
            }
            if ((state == MigrationState.PENDING || state == MigrationState.OUT_OF_ORDER) && !migration.hasDown()) {
                downPolicy(settings.downPolicy(), migration, issues);
            }
            infos.add(info(migration, state, applied != null ? applied : failed));
        }
        for (HistoryEntry started : history.started().values()) {
            if (!byVersion.containsKey(started.version()) && underLock) {
                issues.add(interruptedIssue(started));
                infos.add(info(started, MigrationState.FAILED));
            }
        }
        for (HistoryEntry failed : history.failed().values()) {
            if (!byVersion.containsKey(failed.version())) {
                issues.add(failedIssue(failed));
                infos.add(info(failed, MigrationState.FAILED));
            }
        }
        for (HistoryEntry applied : history.applied().values()) {
            Version version = applied.version();
            if (byVersion.containsKey(version) || history.failed().containsKey(version)) {
                continue;
            }
            if (latest != null && version.isBelow(latest) && version.isAbove(earliest)) {
                infos.add(info(applied, MigrationState.MISSING));
                issues.add(Issue.error("MISSING", "Applied migration V" + version + " (" + applied.script()
                        + ") is not found locally, although newer and older migrations are. Restore the file, or"
                        + " check msr.locations.", version, applied.script()));
            } else if (latest != null && version.isBelow(latest)) {
                infos.add(info(applied, MigrationState.MISSING));
                issues.add(Issue.warning("MISSING", "Applied migration V" + version + " (" + applied.script()
                        + ") is older than every local migration and not found locally (removed after a baseline?).",
                        version, applied.script()));
            } else {
                infos.add(info(applied, MigrationState.AHEAD));
                issues.add(Issue.warning("AHEAD", "The database is ahead of this application: migration V" + version
                        + " (" + applied.script() + ") is applied but not known here, as happens during a rolling"
                        + " update when a newer version has migrated.", version, applied.script()));
            }
        }
        if (history.baseline() != null) {
            infos.add(info(history.baseline(), MigrationState.APPLIED));
        }
        planRepeatables(resolved, history, pending, infos, issues);
        if (settings.transactionMode() == TransactionMode.PER_BATCH) {
            for (ResolvedMigration migration : pending) {
                if (migration.declaresNonTransactional()) {
                    issues.add(Issue.error("NON_TRANSACTIONAL_IN_BATCH", "Migration " + migration.label() + " ("
                            + migration.script() + ") must run outside a transaction, so it cannot be part of a"
                            + " per-batch run. Use msr.transaction-mode=per-migration, or apply it on its own.",
                            migration.version(), migration.script()));
                }
            }
        }
        if (settings.lint().enabled()) {
            lint(pending, LintOptions.of(settings, serverVersion), issues);
        }
        if (target != null && schemaVersion != null && target.isBelow(schemaVersion)) {
            issues.add(Issue.warning("TARGET_BELOW_SCHEMA", "The target version " + target
                    + " is below the schema version " + schemaVersion + ": migrate applies nothing above it. Use the"
                    + " down operation to revert.", null, null));
        }
        PhaseFilter.Split phases = PhaseFilter.split(pending, settings.phase(), issues);
        infos.sort(Comparator.comparing(MigrationInfo::version, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MigrationInfo::description));
        return new MigrationPlan(phases.selected(), phases.deferred(), infos, strict(issues, settings.strict()),
                schemaVersion, latest);
    }

    /**
     * Returns the versioned migrations by version, in version order, keeping the first of each version and adding
     * an error that names both files for every duplicate. Repeatable migrations are left out.
     */
    public static Map<Version, ResolvedMigration> uniqueByVersion(List<ResolvedMigration> resolved, List<Issue> issues) {
        Map<Version, ResolvedMigration> byVersion = new LinkedHashMap<>();
        for (ResolvedMigration migration : resolved) {
            if (migration.repeatable()) {
                continue;
            }
            ResolvedMigration first = byVersion.putIfAbsent(migration.version(), migration);
            if (first != null) {
                issues.add(Issue.error("DUPLICATE_VERSION", "Version " + migration.version() + " is used by two"
                        + " migrations: " + first.displayName() + " and " + migration.displayName()
                        + ". Give one of them a new, unique version.", migration.version(), migration.script()));
            }
        }
        return byVersion;
    }

    /**
     * Plans the repeatable migrations, after every versioned one and in description order: one never applied, or
     * whose checksum differs from the last one applied, is pending (OUTDATED when it was applied before).
     */
    private static void planRepeatables(List<ResolvedMigration> resolved, HistoryState history,
            List<ResolvedMigration> pending, List<MigrationInfo> infos, List<Issue> issues) {
        Map<String, ResolvedMigration> byDescription = new TreeMap<>();
        for (ResolvedMigration migration : resolved) {
            if (!migration.repeatable()) {
                continue;
            }
            ResolvedMigration first = byDescription.putIfAbsent(migration.description(), migration);
            if (first != null) {
                issues.add(Issue.error("DUPLICATE_REPEATABLE", "Repeatable migration '" + migration.description()
                        + "' is defined twice: " + first.displayName() + " and " + migration.displayName()
                        + ". Give one of them another description.", null, migration.script()));
            }
        }
        for (ResolvedMigration migration : byDescription.values()) {
            HistoryEntry last = history.repeatables().get(migration.description());
            MigrationState state;
            if (last == null) {
                state = MigrationState.PENDING;
            } else if (migration.checksum() != null && !migration.checksum().equals(last.checksum())) {
                state = MigrationState.OUTDATED;
            } else {
                state = MigrationState.APPLIED;
            }
            if (state != MigrationState.APPLIED) {
                pending.add(migration);
            }
            infos.add(info(migration, state, last));
        }
    }

    private static void lint(List<ResolvedMigration> pending, LintOptions options, List<Issue> issues) {
        for (ResolvedMigration migration : pending) {
            if (migration.up() != null) {
                List<String> unknown = MigrationLinter.unknownRules(MigrationLinter.allowedRules(migration.up()));
                if (!unknown.isEmpty()) {
                    issues.add(Issue.error("LINT_UNKNOWN_RULE", "Migration " + migration.label() + " ("
                            + migration.script() + ") allows unknown lint rules " + unknown + ".", migration.version(),
                            migration.script()));
                }
            }
        }
        for (LintFinding finding : MigrationLinter.lint(pending, options)) {
            issues.add(finding.error() ? Issue.error("LINT_" + finding.rule().name(), finding.message(),
                    finding.version(), finding.script()) : Issue.warning("LINT_" + finding.rule().name(), finding.message(), finding.version(),
                    finding.script()));
        }
    }

    private static void downPolicy(DownPolicy policy, ResolvedMigration migration, List<Issue> issues) {
        String hint = migration.up() != null
                ? "add " + migration.up().fileName().replace(".up.sql", ".down.sql") + " next to it"
                : "override down() in " + migration.script();
        if (policy == DownPolicy.REQUIRED) {
            issues.add(Issue.error("MISSING_DOWN", "Migration " + migration.label() + " (" + migration.script()
                    + ") has no down migration, which msr.down-policy=required demands: " + hint + ".",
                    migration.version(), migration.script()));
        } else if (policy == DownPolicy.RECOMMENDED) {
            issues.add(Issue.warning("MISSING_DOWN", "Migration " + migration.label() + " (" + migration.script()
                    + ") has no down migration (msr.down-policy=recommended): " + hint + ".",
                    migration.version(), migration.script()));
        }
    }

    /**
     * Returns an error for each migration that failed or was interrupted outside a transaction and awaits a repair:
     * nothing may run while one is unresolved.
     */
    public static List<Issue> unresolvedFailures(HistoryState history) {
        List<Issue> issues = new ArrayList<>();
        history.failed().values().forEach(failed -> issues.add(failedIssue(failed)));
        history.started().values().forEach(started -> issues.add(interruptedIssue(started)));
        return issues;
    }

    private static Issue failedIssue(HistoryEntry failed) {
        if (failed.operation() == HistoryOperation.DOWN) {
            return Issue.error("FAILED", "The down migration of V" + failed.version() + " (" + failed.script()
                    + ") failed on " + failed.installedOn() + " outside a transaction, so V" + failed.version()
                    + " may be partly reverted. Check the database and finish or undo the revert by hand, then run"
                    + " msr.mode=repair: V" + failed.version() + " then counts as applied again, the next migrate"
                    + " leaves it alone and msr.mode=down reverts it again.", failed.version(), failed.script());
        }
        return Issue.error("FAILED", "Migration V" + failed.version() + " (" + failed.script() + ") failed on "
                + failed.installedOn() + " outside a transaction and may have left part of its changes. Check the"
                + " database and undo or finish them by hand, then run msr.mode=repair to mark it resolved; the next"
                + " migrate applies it again.", failed.version(), failed.script());
    }

    private static Issue interruptedIssue(HistoryEntry started) {
        return Issue.error("INTERRUPTED", "Migration V" + started.version() + " (" + started.script() + ") started"
                + " outside a transaction on " + started.installedOn() + " and never finished: its runner died part-way"
                + " (killed, or its connection lost), so part of its changes may be in place. Check the database and"
                + " undo or finish them by hand, then run msr.mode=repair; the next migrate applies it again.",
                started.version(), started.script());
    }

    private static List<Issue> strict(List<Issue> issues, boolean strict) {
        List<Issue> result = new ArrayList<>();
        for (Issue issue : issues) {
            if (issue.isError()) {
                result.add(issue);
            }
        }
        for (Issue issue : issues) {
            if (!issue.isError()) {
                result.add(strict ? issue.asError() : issue);
            }
        }
        return result;
    }

    private static MigrationInfo info(ResolvedMigration migration, MigrationState state, HistoryEntry row) {
        return new MigrationInfo(migration.version(), migration.description(), migration.type(), migration.script(),
                state, migration.checksum(), row == null ? null : row.checksum(), migration.hasDown(),
                row == null || state == MigrationState.FAILED ? null : row.installedOn(),
                row == null ? null : row.installedBy(), row == null ? null : row.executionTimeMs(),
                migration.phase());
    }

    private static MigrationInfo info(HistoryEntry row, MigrationState state) {
        return new MigrationInfo(row.version(), row.description(), row.type(), row.script(), state, null,
                row.checksum(), false, state == MigrationState.FAILED ? null : row.installedOn(), row.installedBy(),
                row.executionTimeMs());
    }
}
