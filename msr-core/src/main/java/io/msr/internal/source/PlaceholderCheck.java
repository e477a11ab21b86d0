package io.msr.internal.source;

import io.msr.Version;
import io.msr.Issue;
import io.msr.MigrationNaming;
import io.msr.MsrSettings;
import io.msr.internal.sql.PlaceholderReplacer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reports placeholders that have no value, before anything runs: a {@code ${name}} in an up or down SQL file that
 * is neither set in {@link MsrSettings#placeholders()} (ignoring case) nor a built-in. Values are not needed here:
 * the built-ins are known only once connected, and replacement happens when a migration runs.
 */
public final class PlaceholderCheck {

    /** The built-in placeholders: the history table's schema and name, and the connected database user. */
    public static final List<String> BUILT_INS = List.of("msr:schema", "msr:table", "msr:user");

    /** Flyway's names for the built-ins, known under {@code msr.naming=flyway} (matched ignoring case, as Flyway). */
    public static final List<String> FLYWAY_BUILT_INS = List.of("flyway:defaultschema", "flyway:table", "flyway:user");

    private PlaceholderCheck() {
    }

    /** Returns the resolution with an error issue added for each unknown placeholder; unchanged when replacement is off. */
    public static MigrationResolver.Resolution check(MigrationResolver.Resolution resolution, MsrSettings settings) {
        if (!settings.placeholderReplacement()) {
            return resolution;
        }
        Set<String> known = settings.placeholders().keySet().stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(java.util.HashSet::new));
        if (settings.naming() == MigrationNaming.FLYWAY) {
            known.addAll(FLYWAY_BUILT_INS);
        }
        List<Issue> issues = new ArrayList<>(resolution.issues());
        for (ResolvedMigration migration : resolution.migrations()) {
            for (SqlScript script : new SqlScript[] {migration.up(), migration.down()}) {
                if (script != null) {
                    unknown(migration.version(), script, known, issues);
                }
            }
        }
        return issues.size() == resolution.issues().size() ? resolution
                : resolution.withIssues(issues);
    }

    private static void unknown(Version version, SqlScript script, Set<String> known, List<Issue> issues) {
        for (PlaceholderReplacer.Found found : PlaceholderReplacer.find(script.text())) {
            String name = found.name();
            if (BUILT_INS.contains(name) || known.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String where = "File " + script.file().displayName() + ", line " + script.lineOf(found.index())
                    + ": placeholder ${" + name + "}";
            String message = name.startsWith("msr:")
                    ? where + " is not a built-in placeholder; the built-ins are ${msr:schema}, ${msr:table} and"
                    + " ${msr:user}. Fix its name, or set msr.placeholder-replacement=false to send ${...} as written."
                    : where + " has no value. Set msr.placeholders." + name + " (MsrSettings.placeholders() in the"
                    + " engine), or set msr.placeholder-replacement=false to send ${...} as written.";
            issues.add(Issue.error("UNKNOWN_PLACEHOLDER", message, version, script.file().path()));
        }
    }
}
