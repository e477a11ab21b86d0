package io.msr.boot.autoconfigure.verify;

import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verify mode's view of many schemas ({@code msr.schemas}), in numbers that do not grow with the number of schemas
 * but for the first few names: health details, the endpoint and the metrics read it.
 *
 * @param total              the schemas read
 * @param ready              those current (UP)
 * @param behind             those waiting for the migration Job (OUT_OF_SERVICE)
 * @param down               those that cannot be migrated or read (DOWN)
 * @param pendingPreDeploy   pre-deploy migrations pending, over all schemas
 * @param pendingPostDeploy  post-deploy migrations pending, over all schemas
 * @param failedMigrations   failed migrations awaiting repair, over all schemas
 * @param appliedMigrations  migrations applied, over all schemas
 * @param lowestVersion      the lowest schema version among the schemas (what every schema holds at least), or null
 *                           when a schema has none
 * @param firstBehind        the first schemas behind, with why ({@value #NAMES_SHOWN} at most)
 * @param firstDown          the first schemas down, with why ({@value #NAMES_SHOWN} at most)
 */
public record SchemasSummary(int total, int ready, int behind, int down, int pendingPreDeploy, int pendingPostDeploy,
        int failedMigrations, int appliedMigrations, @Nullable Version lowestVersion, List<String> firstBehind,
        List<String> firstDown) {

    /** How many schema names each list holds at most. */
    public static final int NAMES_SHOWN = 5;

    /** Copies the lists. */
    public SchemasSummary {
        firstBehind = List.copyOf(firstBehind);
        firstDown = List.copyOf(firstDown);
    }

    /** Returns the summary as health details and endpoint content. */
    Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("total", total);
        map.put("ready", ready);
        map.put("behind", behind);
        map.put("down", down);
        map.put("pendingPreDeploy", pendingPreDeploy);
        map.put("pendingPostDeploy", pendingPostDeploy);
        map.put("failedMigrations", failedMigrations);
        map.put("lowestVersion", Version.jsonValue(lowestVersion));
        map.put("firstBehind", firstBehind);
        map.put("firstDown", firstDown);
        return map;
    }
}
