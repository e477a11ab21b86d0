package io.msr.internal.adopt;

import io.msr.Issue;
import io.msr.Version;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.history.Baseline;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Takes over a schema Liquibase built ({@code msr.adopt-from=liquibase}): Liquibase's changesets cannot be matched
 * with MSR's migrations, so instead of importing them MSR records a {@link Baseline} at the configured version
 * ({@code msr.baseline-version}), naming Liquibase's last changeset, once the changelog shows every changeset executed
 * and Liquibase's lock is free. {@link #issues} says why it cannot yet; Liquibase's tables are never written.
 *
 * @param history what Liquibase's tables say
 * @param version the baseline version to record
 */
public record LiquibaseBaseline(LiquibaseHistory history, Version version) {

    /** Returns Liquibase's lock table for its changelog table: the name plus {@code lock}, as Liquibase names them. */
    public static String lockTable(String changelogTable) {
        return changelogTable + "lock";
    }

    /**
     * Reads Liquibase's changelog and lock tables in {@code schema} (read-only). Returns null when the changelog table
     * does not exist or holds no row: then there is nothing to take over.
     */
    public static @Nullable LiquibaseBaseline read(Connection connection, Dialect dialect, String schema,
            String changelog, Version version) throws SQLException {
        LiquibaseHistory history = LiquibaseHistory.read(connection, dialect, schema, changelog, lockTable(changelog));
        return history == null || history.rows().isEmpty() ? null : new LiquibaseBaseline(history, version);
    }

    /** Returns the errors that forbid the baseline: nothing is written while there is one. */
    public List<Issue> issues() {
        if (history.locked()) {
            return List.of(Issue.error("ADOPT_LOCKED", "Liquibase's lock (next to " + history.table() + ") is held by "
                    + history.lockedBy() + " since " + history.lockGranted() + ": Liquibase may be changing the schema"
                    + " right now, so MSR will not take it over. Let that update finish; if no Liquibase is running any"
                    + " more (it was killed), release the lock with Liquibase's release-locks command, then run MSR"
                    + " again.", version, null));
        }
        List<LiquibaseHistory.Row> notExecuted = history.notExecuted();
        if (!notExecuted.isEmpty()) {
            LiquibaseHistory.Row first = notExecuted.get(0);
            return List.of(Issue.error("ADOPT_NOT_EXECUTED", "Liquibase's changelog " + history.table() + " records "
                    + notExecuted.size() + " changeset(s) that did not run, first " + first.displayName()
                    + " (exectype " + first.execType() + "), so the schema may not hold everything up to V" + version
                    + " (msr.baseline-version). Finish them with Liquibase's update (or, if their changes are in place,"
                    + " mark them with changelog-sync), then run MSR again.", version, first.filename()));
        }
        return List.of();
    }

    /** Returns the baseline to record: at {@link #version}, its script the last changeset Liquibase ran. */
    public Baseline baseline() {
        LiquibaseHistory.Row last = history.last();
        long ran = history.rows().stream().filter(LiquibaseHistory.Row::ran).count();
        return new Baseline(version, "Baseline from Liquibase: " + ran + " changeset(s) in " + history.table(),
                last == null ? Baseline.MARKER : last.displayName());
    }
}
