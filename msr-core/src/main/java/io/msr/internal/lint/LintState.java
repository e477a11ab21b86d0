package io.msr.internal.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What the lint has learnt so far in one run: the new tables, their rows, the current transaction. */
final class LintState {

    final int postgresVersion;
    /** Tables, materialized views and partitions created earlier in the run (lower-case names, no schema). */
    final Set<String> created = new HashSet<>();
    /** New tables that received rows (INSERT, COPY, MERGE) later in the run. */
    final Set<String> filled = new HashSet<>();
    /** Indexes created in the run, with their table. */
    final Map<String, String> createdIndexes = new HashMap<>();
    /** Constraints added NOT VALID in the current transaction. */
    final Set<String> notValid = new HashSet<>();
    /** CHECK (col IS NOT NULL) constraints seen in the run, by name, as table.col. */
    final Map<String, String> notNullChecks = new HashMap<>();
    /** table.col of the validated CHECK (col IS NOT NULL) constraints seen in the run. */
    final Set<String> validatedNotNull = new HashSet<>();
    /** Whether the current file runs in a transaction. */
    boolean transactional = true;

    LintState(int postgresVersion) {
        this.postgresVersion = postgresVersion;
    }

    /** Returns true when the table was created in the run: the previous version cannot be using it. */
    boolean isNew(String table) {
        return created.contains(table);
    }

    /** Returns true when the table may hold rows: it existed before the run, or received rows in it. */
    boolean hasRows(String table) {
        return !created.contains(table) || filled.contains(table);
    }

    void filled(String table) {
        if (created.contains(table)) {
            filled.add(table);
        }
    }
}
