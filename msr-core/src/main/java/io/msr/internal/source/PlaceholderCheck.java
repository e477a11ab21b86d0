package io.msr.internal.source;

import io.msr.Version;
import io.msr.Issue;
import io.msr.MigrationNaming;
import io.msr.MsrSettings;
import io.msr.internal.sql.PlaceholderBoundaries;
import io.msr.internal.sql.PlaceholderReplacer;
import io.msr.internal.sql.SqlStatement;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reports placeholders that have no value, before anything runs: a {@code ${name}} in an up or down SQL file that
 * is neither set in {@link MsrSettings#placeholders()} (ignoring case) nor a built-in; and placeholders whose value
 * would change the statements of their file ({@link PlaceholderBoundaries}), checked with the settings' values (the
 * built-ins, known only once connected, are checked when the migration runs). Only statements with a placeholder
 * that has a value are read again.
 */
public final class PlaceholderCheck {

    /** The built-in placeholders: the history table's schema and name, and the connected database user. */
    public static final List<String> BUILT_INS = List.of("msr:schema", "msr:table", "msr:user");

    /** Flyway's names for the built-ins, known under {@code msr.naming=flyway} (matched ignoring case, as Flyway). */
    public static final List<String> FLYWAY_BUILT_INS = List.of("flyway:defaultschema", "flyway:table", "flyway:user");

    /** The code of the issue of a value that would change its file's statements. */
    public static final String BREACH = "PLACEHOLDER_CHANGES_STATEMENTS";

    private PlaceholderCheck() {
    }

    /** Returns the resolution with an error issue added for each unknown placeholder; unchanged when replacement is off. */
    public static MigrationResolver.Resolution check(MigrationResolver.Resolution resolution, MsrSettings settings) {
        if (!settings.placeholders().replacement()) {
            return resolution;
        }
        Set<String> known = settings.placeholders().values().keySet().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(java.util.HashSet::new));
        if (settings.naming() == MigrationNaming.FLYWAY) {
            known.addAll(FLYWAY_BUILT_INS);
        }
        Map<String, String> values = new HashMap<>();
        settings.placeholders().values().forEach((name, value) -> values.put(name.toLowerCase(Locale.ROOT), value));
        List<Issue> issues = new ArrayList<>(resolution.issues());
        for (ResolvedMigration migration : resolution.migrations()) {
            for (SqlScript script : new SqlScript[] {migration.up(), migration.down()}) {
                if (script != null) {
                    unknown(migration.version(), script, known, issues);
                    if (!values.isEmpty() && script.text().contains("${")) {
                        breaches(migration.version(), script, values, issues);
                    }
                }
            }
        }
        return issues.size() == resolution.issues().size() ? resolution
                : resolution.withIssues(issues);
    }

    private static void unknown(@Nullable Version version, SqlScript script, Set<String> known, List<Issue> issues) {
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

    private static void breaches(@Nullable Version version, SqlScript script, Map<String, String> values,
            List<Issue> issues) {
        for (SqlStatement statement : script.statements()) {
            if (!statement.sql().contains("${")) {
                continue;
            }
            PlaceholderReplacer.Replaced replaced = PlaceholderReplacer.replace(statement.sql(),
                    name -> values.get(name.toLowerCase(Locale.ROOT)));
            PlaceholderBoundaries.check(statement.sql(), replaced).ifPresent(breach -> issues.add(Issue.error(
                    BREACH, breachMessage(script, statement, breach), version, script.file().path())));
        }
    }

    /** Says which value would change which statement, never quoting the value (it may be a secret). */
    public static String breachMessage(SqlScript script, SqlStatement statement, PlaceholderBoundaries.Breach breach) {
        return "File " + script.file().displayName() + ", line " + script.lineOf(statement.offset() + breach.index())
                + ": the value of placeholder ${" + breach.name() + "} would change the statements of the file: it "
                + breach.reason() + ". A value fills in a name, a number or the inside of a literal, never more SQL."
                + " Fix msr.placeholders." + breach.name() + " (inside '...' write a quote as '')"
                + " or the file.";
    }
}
