package io.msr.internal.source;

import io.msr.Issue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notices a location whose {@code .sql} files are all named some other way, such as golang-migrate's
 * {@code 1_init.up.sql} or Flyway's {@code V1__init.sql}: without this, such a folder resolves to no migration
 * and a migrate runs nothing, successfully. Not thread-safe; one instance per resolution.
 */
final class ForeignNames {

    private final Map<MigrationLocation, Count> counts = new LinkedHashMap<>();

    /** Counts one scanned file and how its name parsed. */
    void count(ScriptFile file, SqlFileName.Parsed name) {
        Count count = counts.computeIfAbsent(file.location(), location -> new Count());
        if (name instanceof SqlFileName.Valid) {
            count.valid++;
        } else {
            count.other++;
            if (count.example == null) {
                count.example = file.path();
            }
        }
    }

    /** Returns one warning per location that holds {@code .sql} files but no validly named one. */
    List<Issue> issues() {
        List<Issue> issues = new ArrayList<>();
        counts.forEach((location, count) -> {
            if (count.valid == 0 && count.other > 0) {
                issues.add(Issue.warning("NO_MIGRATION_NAMES", "Location " + location + " holds " + count.other
                        + " .sql file(s) (e.g. " + count.example + ") but none is named like an MSR migration, so"
                        + " none would run. Expected " + SqlFileName.PATTERN + ". Rename the files (files from"
                        + " another tool need renaming), or fix msr.locations.", null, null));
            }
        });
        return issues;
    }

    private static final class Count {
        private int valid;
        private int other;
        private String example;
    }
}
