package io.msr.internal.plan;

import io.msr.Issue;
import io.msr.Version;
import io.msr.internal.source.ResolvedMigration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The check that no two versioned migrations share a version. Pure. */
final class DuplicateVersions {

    private DuplicateVersions() {
    }

    /**
     * Returns the versioned migrations by version, in the order given, keeping the first of each version and adding
     * a {@code DUPLICATE_VERSION} error that names both files for every duplicate. Repeatable migrations are left out.
     */
    static Map<Version, ResolvedMigration> firstOfEach(List<ResolvedMigration> resolved, List<Issue> issues) {
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
}
