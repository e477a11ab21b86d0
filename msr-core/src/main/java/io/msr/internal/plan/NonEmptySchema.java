package io.msr.internal.plan;

import io.msr.Issue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The baseline safety rule: a first migrate (MSR's history table does not exist yet) into a schema that already
 * holds tables or views of its own, with no other tool's history being taken over, is refused. Running every
 * migration from the first against such a schema would either fail half-way or, worse, succeed next to objects it
 * knows nothing about. The way out is to record a baseline ({@code msr.mode=baseline}) or to adopt the tool that
 * built the schema ({@code msr.adopt-from}). Pure: the caller lists the schema's tables.
 */
public final class NonEmptySchema {

    /** The issue code, shared by migrate, validate, info and verify mode's health. */
    public static final String CODE = "NON_EMPTY_SCHEMA";

    /** Tables of the migration tools, which never make a schema count as holding data of its own. */
    public static final Set<String> MIGRATION_TOOL_TABLES = Set.of("flyway_schema_history", "databasechangelog",
            "databasechangeloglock", "schema_migrations");

    private static final int NAMES_SHOWN = 5;

    private NonEmptySchema() {
    }

    /**
     * Returns the NON_EMPTY_SCHEMA error, or nothing.
     *
     * @param schema        the history schema, for the message
     * @param historyExists whether MSR's history table exists: the rule concerns only the first run
     * @param adopting      whether another tool's history is being taken over ({@code msr.adopt-from} found it)
     * @param tables        the tables and views of the schema, as {@code Dialect#userTables} lists them
     * @param ignored       further names that never count (MSR's history table, {@code msr.adopt-table}), compared
     *                      ignoring case as the tools' own tables are
     */
    public static List<Issue> check(String schema, boolean historyExists, boolean adopting, List<String> tables,
            Set<String> ignored) {
        if (historyExists || adopting) {
            return List.of();
        }
        List<String> own = new ArrayList<>();
        for (String table : tables) {
            String name = table.toLowerCase(Locale.ROOT);
            if (!MIGRATION_TOOL_TABLES.contains(name)
                    && ignored.stream().noneMatch(other -> other.equalsIgnoreCase(table))) {
                own.add(table);
            }
        }
        if (own.isEmpty()) {
            return List.of();
        }
        String names = String.join(", ", own.subList(0, Math.min(NAMES_SHOWN, own.size())))
                + (own.size() > NAMES_SHOWN ? " and " + (own.size() - NAMES_SHOWN) + " more" : "");
        return List.of(Issue.error(CODE, "Schema " + schema + " already holds " + own.size() + " table(s) or"
                + " view(s) (" + names + ") but no MSR history, so MSR cannot tell which migrations it holds and will"
                + " not run them all against it. If the schema already holds what your migrations up to some version"
                + " create, run msr.mode=baseline with msr.baseline-version=<that version> once, then migrate; if"
                + " another tool managed it, set msr.adopt-from (golang-migrate, liquibase) to take over its history;"
                + " or point msr.schema at an empty schema.", null, null));
    }
}
