package io.msr.internal.operation;

import io.msr.CheckResult;
import io.msr.CheckSettings;
import io.msr.ConfigurationException;
import io.msr.DownPolicy;
import io.msr.Issue;
import io.msr.MsrSettings;
import io.msr.TransactionMode;
import io.msr.internal.lint.LintFinding;
import io.msr.internal.lint.LintOptions;
import io.msr.internal.lint.MigrationLinter;
import io.msr.internal.plan.MigrationPlanner;
import io.msr.internal.source.GitBase;
import io.msr.internal.source.LocationScanner;
import io.msr.internal.source.MigrationLocation;
import io.msr.internal.source.MigrationResolver;
import io.msr.internal.source.PlaceholderCheck;
import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.source.ScriptFile;
import io.msr.internal.source.SqlScript;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline check behind {@link io.msr.Msr#check}: what migrate would reject before connecting, plus the lint and
 * the down policy over every migration (or, with a base ref, over those new or changed since it) and the branch order.
 */
final class OfflineCheck {

    private static final Pattern LINE = Pattern.compile(", line (\\d+)");

    private final CheckSettings check;
    private final MsrSettings settings;
    private final Path reportRoot;

    private OfflineCheck(CheckSettings check) {
        this.check = check;
        this.settings = absoluteLocations(check.settings(), check.projectDir());
        Path repository = GitBase.repositoryRoot(check.projectDir());
        this.reportRoot = real(repository != null ? repository : check.projectDir());
    }

    static CheckResult run(CheckSettings check) {
        return new OfflineCheck(check).run();
    }

    private CheckResult run() {
        List<String> unknownRules = MigrationLinter.unknownRules(settings.lint().disabledRules());
        if (!unknownRules.isEmpty()) {
            throw new ConfigurationException("The disabled lint rules name unknown rules " + unknownRules
                    + "; the rules are " + MigrationLinter.ruleIds() + ".");
        }
        MigrationResolver.Resolution resolution = PlaceholderCheck.check(new MigrationResolver(check.classLoader(), settings.maxMigrationSize())
                .resolve(settings.locations(), List.of(), settings.naming()), settings);
        List<Issue> issues = new ArrayList<>(resolution.issues());
        MigrationPlanner.uniqueByVersion(resolution.migrations(), issues);
        Map<String, ScriptFile> files = new HashMap<>();
        List<MigrationLocation> locations = settings.locations().stream().map(MigrationLocation::parse).toList();
        for (ScriptFile file : new LocationScanner(check.classLoader(), settings.maxMigrationSize()).scan(locations).files()) {
            files.putIfAbsent(file.path(), file);
        }
        List<Issue> findings = new ArrayList<>();
        List<ResolvedMigration> checked = resolution.migrations();
        if (check.baseRef() != null) {
            checked = branchOrder(resolution.migrations(), locations, findings);
        }
        for (Issue issue : issues) {
            ScriptFile file = issue.script() == null ? null : files.get(issue.script());
            Matcher line = LINE.matcher(issue.message());
            findings.add(finding(issue, file == null ? issue.script() : path(file),
                    ("UNKNOWN_PLACEHOLDER".equals(issue.code()) || "PSQL_COMMAND".equals(issue.code())) && line.find()
                            ? Integer.valueOf(line.group(1)) : null));
        }
        for (ResolvedMigration migration : checked) {
            if (!migration.repeatable() && !migration.hasDown() && settings.downPolicy() != DownPolicy.OPTIONAL) {
                boolean required = settings.downPolicy() == DownPolicy.REQUIRED;
                findings.add(finding(new Issue(required ? Issue.Severity.ERROR : Issue.Severity.WARNING, "MISSING_DOWN",
                        "Migration " + migration.label() + " (" + migration.script() + ") has no down migration"
                                + (required ? ", which msr.down-policy=required demands" : " (msr.down-policy=recommended)")
                                + ": add " + migration.up().fileName().replace(".up.sql", ".down.sql") + " next to it.",
                        migration.version(), migration.script()), path(migration.up().file()), null));
            }
            if (settings.transactionMode() == TransactionMode.PER_BATCH && migration.declaresNonTransactional()) {
                findings.add(finding(Issue.error("NON_TRANSACTIONAL_IN_BATCH", "Migration " + migration.label()
                        + " (" + migration.script() + ") must run outside a transaction, so it cannot be part of a"
                        + " per-batch run. Use msr.transaction-mode=per-migration, or apply it on its own.",
                        migration.version(), migration.script()), path(migration.up().file()), null));
            }
        }
        if (settings.lint().enabled()) {
            lint(checked, findings);
        }
        return new CheckResult(findings, resolution.migrations().size(), checked.size(), check.baseRef());
    }

    private void lint(List<ResolvedMigration> checked, List<Issue> findings) {
        Map<String, ResolvedMigration> byFile = new HashMap<>();
        for (ResolvedMigration migration : checked) {
            byFile.putIfAbsent(migration.version() + "|" + migration.up().fileName(), migration);
            List<String> unknown = MigrationLinter.unknownRules(MigrationLinter.allowedRules(migration.up()));
            if (!unknown.isEmpty()) {
                findings.add(finding(Issue.error("LINT_UNKNOWN_RULE", "Migration " + migration.label() + " ("
                        + migration.script() + ") allows unknown lint rules " + unknown + "; the rules are "
                        + MigrationLinter.ruleIds() + ".", migration.version(), migration.script()),
                        path(migration.up().file()), null));
            }
        }
        // Without a base ref, each migration may ship in a release of its own: tables created by earlier ones are
        // existing tables. With one, the branch's new migrations run together, so tables they create are new.
        LintOptions options = LintOptions.of(settings, null);
        List<LintFinding> lints = new ArrayList<>();
        if (check.baseRef() != null) {
            lints.addAll(MigrationLinter.lint(checked, options));
        } else {
            for (ResolvedMigration migration : checked) {
                lints.addAll(MigrationLinter.lint(List.of(migration), options));
            }
        }
        for (LintFinding lint : lints) {
            ResolvedMigration migration = byFile.get(lint.version() + "|" + lint.script());
            String code = "LINT_" + lint.rule().name();
            Issue issue = lint.error() ? Issue.error(code, lint.message(), lint.version(), lint.script())
                    : Issue.warning(code, lint.message(), lint.version(), lint.script());
            findings.add(finding(issue, migration == null ? lint.script() : path(migration.up().file()),
                    lint.line()));
        }
    }

    /**
     * Adds an error for each versioned migration new on this branch and older than the newest one at the base ref,
     * and returns the migrations new or changed since the ref.
     */
    private List<ResolvedMigration> branchOrder(List<ResolvedMigration> migrations, List<MigrationLocation> locations,
            List<Issue> findings) {
        if (locations.stream().anyMatch(location -> location.kind() == MigrationLocation.Kind.CLASSPATH)) {
            throw new ConfigurationException("The base ref " + check.baseRef() + " can only be compared with"
                    + " filesystem: locations (the files in the repository), not " + settings.locations() + ".");
        }
        GitBase base = GitBase.read(check.projectDir(), check.baseRef());
        Path root = real(base.root());
        List<String> folders = new ArrayList<>();
        for (MigrationLocation location : locations) {
            folders.add(relative(root, real(Path.of(location.path()))));
        }
        GitBase.Migration newest = base.newestUnder(folders, settings.naming());
        List<ResolvedMigration> changed = new ArrayList<>();
        for (ResolvedMigration migration : migrations) {
            SqlScript up = migration.up();
            if (up == null) {
                continue;
            }
            String path = relative(root, real(file(up.file())));
            boolean isNew = !base.has(path);
            if (isNew || !base.holds(path, up.file().content())
                    || migration.down() != null && !base.holds(relative(root, real(file(migration.down().file()))),
                    migration.down().file().content())) {
                changed.add(migration);
            }
            if (isNew && !migration.repeatable() && newest != null && migration.version().isBelow(newest.version())) {
                findings.add(new Issue(Issue.Severity.ERROR, "BRANCH_ORDER", "Migration V" + migration.version()
                        + " (" + path + ") is new on this branch but older than V" + newest.version() + " ("
                        + newest.path() + "), the newest migration at " + check.baseRef() + ": once merged, a database"
                        + " where V" + newest.version() + " is applied rejects it as out of order (or skips it with"
                        + " msr.out-of-order). Give it a version newer than V" + newest.version() + ".",
                        migration.version(), path, 1));
            }
        }
        return changed;
    }

    private Issue finding(Issue issue, @Nullable String file, @Nullable Integer line) {
        Issue effective = settings.strict() ? issue.asError() : issue;
        String message = effective.message();
        // Messages name files as the engine shows them; the folders that the check made absolute read as given.
        for (String location : settings.locations()) {
            MigrationLocation parsed = MigrationLocation.parse(location);
            if (parsed.kind() == MigrationLocation.Kind.FILESYSTEM) {
                message = message.replace(parsed + "/", relative(reportRoot, real(Path.of(parsed.path()))) + "/");
            }
        }
        return new Issue(effective.severity(), effective.code(), message, effective.version(), file, line);
    }

    /** Returns how a file is reported: relative to the repository (or project) root, or its classpath name. */
    private String path(ScriptFile file) {
        if (file.location().kind() == MigrationLocation.Kind.CLASSPATH) {
            return file.displayName();
        }
        return relative(reportRoot, real(file(file)));
    }

    private static Path file(ScriptFile file) {
        return Path.of(file.location().path()).resolve(file.path());
    }

    private static String relative(Path root, Path file) {
        Path path = file.startsWith(root) ? root.relativize(file) : file;
        return path.toString().replace('\\', '/');
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** Makes relative filesystem locations start at the project folder rather than the working directory. */
    private static MsrSettings absoluteLocations(MsrSettings settings, Path projectDir) {
        List<String> locations = new ArrayList<>();
        for (String location : settings.locations()) {
            MigrationLocation parsed = MigrationLocation.parse(location);
            locations.add(parsed.kind() == MigrationLocation.Kind.FILESYSTEM
                    ? "filesystem:" + projectDir.resolve(parsed.path()).normalize() : location);
        }
        return settings.toBuilder().locations(locations).build();
    }
}
