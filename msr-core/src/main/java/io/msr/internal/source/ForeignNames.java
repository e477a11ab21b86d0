package io.msr.internal.source;

import io.msr.Issue;
import io.msr.MigrationNaming;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notices {@code .sql} files the active layout ({@code msr.naming}) does not read: a location whose files are all
 * named some other way (golang-migrate's {@code 1_init.up.sql} under MSR's layout, MSR's {@code V1_init.up.sql}
 * under golang-migrate's, Flyway's {@code V1__init.sql}) would resolve to no migration and a migrate would run
 * nothing, successfully; a location mixing the active layout with another one would silently skip some files.
 * Both are warnings naming the layout that reads the files. Not thread-safe; one instance per resolution.
 */
final class ForeignNames {

    private final FileNaming active;
    private final Map<MigrationLocation, Count> counts = new LinkedHashMap<>();

    ForeignNames(FileNaming active) {
        this.active = active;
    }

    /** Counts one scanned file and how its name parsed under the active layout. */
    void count(ScriptFile file, SqlFileName.Parsed name) {
        Count count = counts.computeIfAbsent(file.location(), location -> new Count());
        if (name instanceof SqlFileName.Valid) {
            count.valid++;
            return;
        }
        count.other++;
        if (count.example == null) {
            count.example = file.path();
        }
        MigrationNaming layout = otherLayout(file.fileName());
        if (layout != null) {
            count.otherLayout.merge(layout, 1, Integer::sum);
            count.otherLayoutExample.putIfAbsent(layout, file.path());
        }
    }

    /** Returns the warnings: locations with no validly named file, and locations mixing another layout in. */
    List<Issue> issues() {
        List<Issue> issues = new ArrayList<>();
        String setting = "msr.naming=" + active.naming().propertyValue();
        counts.forEach((location, count) -> {
            if (count.valid == 0 && count.other > 0) {
                issues.add(Issue.warning("NO_MIGRATION_NAMES", "Location " + location + " holds " + count.other
                        + " .sql file(s) (e.g. " + count.example + ") but none is named for " + setting
                        + ", so none would run. Expected " + active.pattern() + "." + hint(count)
                        + " Rename the files, or fix msr.locations.", null, null));
            } else if (count.valid > 0) {
                count.otherLayout.forEach((layout, n) -> issues.add(Issue.warning("MIXED_NAMING", "Location "
                        + location + " holds " + n + " file(s) named for msr.naming=" + layout.propertyValue()
                        + " (e.g. " + count.otherLayoutExample.get(layout) + ") that " + setting
                        + " never runs. Rename them to " + active.pattern() + ".", null, null)));
            }
        });
        return issues;
    }

    private static String hint(Count count) {
        if (count.otherLayout.size() != 1) {
            return "";
        }
        MigrationNaming layout = count.otherLayout.keySet().iterator().next();
        return " They are named for " + layout.propertyValue() + ": set msr.naming=" + layout.propertyValue()
                + " if that is their layout.";
    }

    private @Nullable MigrationNaming otherLayout(String fileName) {
        for (MigrationNaming layout : MigrationNaming.values()) {
            if (layout != active.naming() && FileNaming.of(layout).parse(fileName) instanceof SqlFileName.Valid) {
                return layout;
            }
        }
        return null;
    }

    private static final class Count {
        private int valid;
        private int other;
        private @Nullable String example;
        private final Map<MigrationNaming, Integer> otherLayout = new LinkedHashMap<>();
        private final Map<MigrationNaming, String> otherLayoutExample = new LinkedHashMap<>();
    }
}
