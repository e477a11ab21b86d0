package io.msr.internal.drift;

import io.msr.MsrSettings;
import io.msr.internal.plan.NonEmptySchema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a fingerprint covers: the managed schemas (the history schema, then {@code msr.drift.schemas}), minus the
 * tables of the migration tools (MSR's history and fingerprint tables in the history schema; Flyway's, Liquibase's and
 * golang-migrate's history tables and {@code msr.adopt-table} in any managed schema) with what belongs to them.
 *
 * @param schemas        the managed schemas, the history schema first
 * @param excludedSchema with {@code excludedTable}, the tables left out, pairwise
 * @param excludedTable  the names of the tables left out
 * @param privileges     whether owners and grants are fingerprinted
 */
public record DriftScope(List<String> schemas, List<String> excludedSchema, List<String> excludedTable,
        boolean privileges) {

    /** Copies the lists. */
    public DriftScope {
        schemas = List.copyOf(schemas);
        excludedSchema = List.copyOf(excludedSchema);
        excludedTable = List.copyOf(excludedTable);
    }

    /** Returns the scope the settings give, for the history schema the session found. */
    public static DriftScope of(MsrSettings settings, String historySchema, FingerprintTable table) {
        Set<String> schemas = new LinkedHashSet<>();
        schemas.add(historySchema);
        schemas.addAll(settings.drift().schemas());
        List<String> excludedSchema = new ArrayList<>(List.of(historySchema, historySchema));
        List<String> excludedTable = new ArrayList<>(List.of(settings.table(), table.name()));
        Set<String> toolTables = new LinkedHashSet<>(NonEmptySchema.MIGRATION_TOOL_TABLES);
        String adoptTable = settings.adopt().tableOrDefault();
        if (adoptTable != null) {
            toolTables.add(adoptTable);
            toolTables.add(adoptTable + "lock");
        }
        for (String schema : schemas) {
            for (String tool : toolTables) {
                excludedSchema.add(schema);
                excludedTable.add(tool);
            }
        }
        return new DriftScope(List.copyOf(schemas), excludedSchema, excludedTable,
                settings.drift().includePrivileges());
    }
}
