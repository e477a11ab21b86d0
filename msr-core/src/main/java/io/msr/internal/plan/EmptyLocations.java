package io.msr.internal.plan;

import io.msr.Issue;
import io.msr.Version;
import io.msr.internal.history.HistoryState;
import io.msr.internal.source.ResolvedMigration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The empty-location rule: a configured location that exists but holds no migration, while the history records
 * applied migrations that no location provides, is an error ({@code LOCATION_EMPTY}). A Kubernetes volume that did
 * not populate (a ConfigMap mount with no keys, an init container that copied nothing) looks exactly like that; without
 * the rule every applied migration would merely be "ahead of this application", a migrate would run nothing and exit
 * 0, and verify mode would call the schema current.
 *
 * <p>Per location, so the message names the one at fault. A location that exists and is empty is harmless while the
 * other locations (or the Java migrations) provide everything the history records: an optional folder that holds
 * nothing yet. An empty history (a new application) and a baseline alone never trigger it; a location that does not
 * exist is {@code LOCATION_MISSING}'s business. An empty location cannot tell a mount that failed from a database
 * that a newer release migrated: the rule takes the failed mount to be likelier; an always-empty location has no
 * place in {@code msr.locations}. Pure.
 */
public final class EmptyLocations {

    /** The issue code, shared by migrate, validate, info and verify mode's health. */
    public static final String CODE = "LOCATION_EMPTY";

    private EmptyLocations() {
    }

    /**
     * Returns one error per empty location when the history records applied migrations that none of {@code resolved}
     * is, else nothing.
     *
     * @param emptyLocations the locations that exist but hold no migration, as configured
     * @param resolved       every migration resolved, from every location and the Java migrations
     * @param history        the history as recorded
     */
    public static List<Issue> issues(List<String> emptyLocations, List<ResolvedMigration> resolved,
            HistoryState history) {
        if (emptyLocations.isEmpty()) {
            return List.of();
        }
        Set<Version> versions = new HashSet<>();
        Set<String> repeatables = new HashSet<>();
        for (ResolvedMigration migration : resolved) {
            if (migration.repeatable()) {
                repeatables.add(migration.description());
            } else {
                versions.add(migration.version());
            }
        }
        int applied = history.applied().size() + history.repeatables().size();
        long unprovided = history.applied().keySet().stream().filter(version -> !versions.contains(version)).count()
                + history.repeatables().keySet().stream().filter(name -> !repeatables.contains(name)).count();
        if (unprovided == 0) {
            return List.of();
        }
        Version latest = null;
        for (Version version : history.applied().keySet()) {
            latest = version;
        }
        String recorded = applied + " applied migration(s)" + (latest == null ? "" : " (latest V" + latest + ")")
                + (unprovided == applied ? "" : ", " + unprovided + " of them found in no location");
        List<Issue> issues = new ArrayList<>();
        for (String location : emptyLocations) {
            issues.add(Issue.error(CODE, "Location " + location + " exists but holds no migrations, while the history"
                    + " records " + recorded + ": a mount that did not populate? Check that the volume holds the"
                    + " migration files (a ConfigMap's keys, an init container's copy) and msr.locations; remove the"
                    + " location from msr.locations if it is meant to be empty.", null, null));
        }
        return issues;
    }
}
