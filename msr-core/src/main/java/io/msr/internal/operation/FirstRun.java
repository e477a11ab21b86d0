package io.msr.internal.operation;

import io.msr.AdoptFrom;
import io.msr.Issue;
import io.msr.MsrSettings;
import io.msr.internal.adopt.LiquibaseBaseline;
import io.msr.internal.drift.FingerprintTable;
import io.msr.internal.history.Baseline;
import io.msr.internal.history.HistoryState;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.plan.NonEmptySchema;
import org.jspecify.annotations.Nullable;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What migrate, validate and info find while MSR's history table does not exist yet, besides the history
 * {@link HistorySnapshot} adopts: Liquibase's changelog to record a baseline from ({@code msr.adopt-from=liquibase}),
 * and whether the schema holds tables no history accounts for ({@link NonEmptySchema}). Read-only; once the history
 * table exists it reads nothing and finds nothing.
 */
final class FirstRun {

    private static final FirstRun NOTHING = new FirstRun(null, List.of());

    private final @Nullable LiquibaseBaseline liquibase;
    private final List<Issue> issues;

    private FirstRun(@Nullable LiquibaseBaseline liquibase, List<Issue> issues) {
        this.liquibase = liquibase;
        this.issues = List.copyOf(issues);
    }

    /** Reads Liquibase's tables (when adopting from it) and the schema's tables, before the history table exists. */
    static FirstRun inspect(RunSession session, HistorySnapshot history, MsrSettings settings) {
        if (history.exists()) {
            return NOTHING;
        }
        try {
            LiquibaseBaseline liquibase = settings.adopt().from() == AdoptFrom.LIQUIBASE
                    ? LiquibaseBaseline.read(session.connection, session.dialect, session.schema,
                    settings.adopt().tableOrDefault(), settings.adopt().baselineVersion())
                    : null;
            List<Issue> issues = new ArrayList<>();
            if (liquibase != null) {
                issues.addAll(liquibase.issues());
            }
            boolean adopting = liquibase != null || history.foreign() != null;
            Set<String> ownTables = new HashSet<>(List.of(settings.table(),
                    new FingerprintTable(session.dialect, session.schema, settings.table()).name()));
            String adoptTable = settings.adopt().tableOrDefault();
            if (adoptTable != null) {
                ownTables.add(adoptTable);
            }
            if (settings.adopt().from() == AdoptFrom.LIQUIBASE) {
                ownTables.add(LiquibaseBaseline.lockTable(adoptTable));
            }
            issues.addAll(NonEmptySchema.check(session.schema, false, adopting,
                    adopting ? List.of() : session.dialect.userTables(session.connection, session.schema),
                    ownTables));
            return new FirstRun(liquibase, issues);
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not read what schema " + session.schema + " holds before MSR's"
                    + " history table " + session.history.qualifiedName() + " exists", e);
        }
    }

    /** Returns {@code issues} and then the errors found here. */
    List<Issue> issues(List<Issue> issues) {
        if (this.issues.isEmpty()) {
            return issues;
        }
        List<Issue> all = new ArrayList<>(issues);
        all.addAll(this.issues);
        return all;
    }

    /** Returns the history to plan against: as the Liquibase baseline will leave it, else {@code planned}. */
    HistoryState plannedState(HistoryState planned) {
        return liquibase == null ? planned : liquibase.baseline().previewState();
    }

    /** Returns the baseline the first migrate records from Liquibase's changelog, or null when there is none. */
    @Nullable Baseline baseline() {
        return liquibase == null ? null : liquibase.baseline();
    }
}
