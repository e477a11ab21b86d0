package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema's state as {@link Msr#info()} sees it, without changing anything: every resolved and applied
 * migration with its state, and the full history (the audit trail).
 *
 * @param schemaVersion   the highest applied version, or null when none is
 * @param latestVersion   the highest resolved version, or null when there is none
 * @param migrations      every migration, resolved or applied, by version
 * @param history         every history row, oldest first; empty when the table does not exist yet
 * @param historyExists   whether the history table exists
 * @param issues          what validation would report, errors and warnings
 * @param timeouts        the statement and lock timeouts migrations run with and where each comes from; empty when
 *                        not known
 */
public record InfoResult(@Nullable Version schemaVersion, @Nullable Version latestVersion,
        List<MigrationInfo> migrations,
        List<HistoryEntry> history, boolean historyExists, List<Issue> issues, List<SessionTimeout> timeouts)
        implements MsrResult {

    /** Copies the lists. */
    public InfoResult {
        migrations = List.copyOf(migrations);
        history = List.copyOf(history);
        issues = List.copyOf(issues);
        timeouts = timeouts == null ? List.of() : List.copyOf(timeouts);
    }

    /** Creates a result without the timeouts. */
    public InfoResult(@Nullable Version schemaVersion, @Nullable Version latestVersion, List<MigrationInfo> migrations,
            List<HistoryEntry> history, boolean historyExists, List<Issue> issues) {
        this(schemaVersion, latestVersion, migrations, history, historyExists, issues, List.of());
    }

    /** How many pending versions {@link #summary()} lists. */
    public static final int PENDING_VERSIONS_SHOWN = 5;

    /** Returns {@link Operation#INFO}. */
    @Override
    public Operation operation() {
        return Operation.INFO;
    }

    /** Returns {@link ExitCode#SUCCESS}: info reports what validation would find, and fails only by throwing. */
    @Override
    public ExitCode exitCode() {
        return ExitCode.SUCCESS;
    }

    /** Returns the migrations in the given state. */
    public List<MigrationInfo> inState(MigrationState state) {
        List<MigrationInfo> found = new ArrayList<>();
        for (MigrationInfo migration : migrations) {
            if (migration.state() == state) {
                found.add(migration);
            }
        }
        return found;
    }

    /** Returns the migrations not applied yet: pending, out of order, and in progress. */
    public List<MigrationInfo> pending() {
        List<MigrationInfo> found = inState(MigrationState.PENDING);
        found.addAll(inState(MigrationState.OUT_OF_ORDER));
        found.addAll(inState(MigrationState.OUTDATED));
        found.addAll(inState(MigrationState.IN_PROGRESS));
        return found;
    }

    /**
     * Returns the pending migrations of one phase (see {@link #pending()}); a migration not resolved locally counts
     * as pre-deploy.
     */
    public List<MigrationInfo> pending(DeployPhase phase) {
        List<MigrationInfo> found = new ArrayList<>();
        for (MigrationInfo migration : pending()) {
            if (migration.postDeploy() == (phase == DeployPhase.POST_DEPLOY)) {
                found.add(migration);
            }
        }
        return found;
    }

    /** Returns true when the database has applied migrations newer than every resolved one. */
    public boolean schemaAhead() {
        return !inState(MigrationState.AHEAD).isEmpty();
    }

    /** Returns the applied versioned migration with the highest version (repeatable migrations have none). */
    public Optional<MigrationInfo> lastApplied() {
        MigrationInfo last = null;
        for (MigrationInfo migration : migrations) {
            if (migration.installedOn() != null && migration.state() != MigrationState.FAILED
                    && migration.version() != null && (last == null || migration.version().isAbove(last.version()))) {
                last = migration;
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * Returns the summary every surface shows under the same names (the info result, the one-shot summary and
     * termination message, the Actuator health details and endpoint): {@code schemaVersion}, {@code latestVersion},
     * {@code pending}, {@code pendingVersions} (the first five), {@code pendingPreDeploy} and
     * {@code pendingPostDeploy} (the pending ones by phase), {@code schemaAhead}, {@code failed},
     * {@code checksumMismatches}, {@code lastApplied} (version, description, installedOn) and
     * {@code historyExists}. Values are plain strings, numbers, booleans, lists and maps.
     */
    public Map<String, @Nullable Object> summary() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("schemaVersion", Version.jsonValue(schemaVersion));
        map.put("latestVersion", Version.jsonValue(latestVersion));
        List<MigrationInfo> pending = pending();
        map.put("pending", pending.size());
        map.put("pendingVersions", pending.stream().limit(PENDING_VERSIONS_SHOWN).map(MigrationInfo::version)
                .filter(java.util.Objects::nonNull).map(version -> version.jsonValue()).toList());
        map.put("pendingPreDeploy", pending(DeployPhase.PRE_DEPLOY).size());
        map.put("pendingPostDeploy", pending(DeployPhase.POST_DEPLOY).size());
        map.put("schemaAhead", schemaAhead());
        map.put("failed", inState(MigrationState.FAILED).size());
        map.put("checksumMismatches", inState(MigrationState.CHECKSUM_MISMATCH).size());
        lastApplied().ifPresent(last -> {
            Map<String, @Nullable Object> applied = new LinkedHashMap<>();
            applied.put("version", Version.jsonValue(last.version()));
            applied.put("description", last.description());
            applied.put("installedOn", last.installedOn() == null ? null : last.installedOn().toString());
            map.put("lastApplied", applied);
        });
        map.put("historyExists", historyExists);
        return map;
    }

    /**
     * Returns the whole result as plain values: the header every result starts with ({@code operation},
     * {@code success}, {@code exitCode}), the {@link #summary()}, then {@code migrations} (each as
     * {@link MigrationInfo#toMap()}), {@code history}, {@code issues} and {@code timeouts} (each as
     * {@link SessionTimeout#toMap()}).
     */
    @Override
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = Json.header(this);
        map.putAll(summary());
        List<Object> rows = new ArrayList<>();
        for (MigrationInfo migration : migrations) {
            rows.add(migration.toMap());
        }
        map.put("migrations", rows);
        List<Object> audit = new ArrayList<>();
        for (HistoryEntry entry : history) {
            Map<String, @Nullable Object> row = new LinkedHashMap<>();
            row.put("id", entry.id());
            row.put("version", Version.jsonValue(entry.version()));
            row.put("operation", entry.operation().name());
            row.put("success", entry.success());
            row.put("script", entry.script());
            row.put("installedBy", entry.installedBy());
            row.put("installedOn", entry.installedOn() == null ? null : entry.installedOn().toString());
            row.put("executionTimeMs", entry.executionTimeMs());
            audit.add(row);
        }
        map.put("history", audit);
        List<Object> found = new ArrayList<>();
        for (Issue issue : issues) {
            Map<String, @Nullable Object> row = new LinkedHashMap<>();
            row.put("severity", issue.severity().name());
            row.put("code", issue.code());
            row.put("message", issue.message());
            row.put("version", Version.jsonValue(issue.version()));
            row.put("script", issue.script());
            found.add(row);
        }
        map.put("issues", found);
        map.put("timeouts", timeouts.stream().map(SessionTimeout::toMap).toList());
        return map;
    }

    /**
     * Returns the header and the {@link #summary()} as a JSON object, without the lists: for places with a size
     * limit, such as a Kubernetes termination message.
     */
    public String toSummaryJson() {
        Map<String, @Nullable Object> map = Json.header(this);
        map.putAll(summary());
        return Json.write(map);
    }
}
