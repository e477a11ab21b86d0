package io.msr.internal.plan;

import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MigrationInfo;
import io.msr.MigrationState;
import io.msr.MigrationType;
import io.msr.MsrSettings;
import io.msr.Version;
import io.msr.internal.history.Baseline;
import io.msr.internal.history.HistoryState;
import io.msr.internal.source.ResolvedMigration;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.msr.internal.plan.Fixtures.applied;
import static io.msr.internal.plan.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Planning against a baseline, and the rule that refuses a first migrate into a schema that holds tables. */
class BaselinePlanningTest {

    private static final MsrSettings DEFAULTS = MsrSettings.defaults();

    private static MigrationPlan plan(List<ResolvedMigration> resolved, List<HistoryEntry> rows) {
        return MigrationPlanner.plan(resolved, List.of(), HistoryState.replay(rows), DEFAULTS);
    }

    @Test
    void migrationsAtOrBelowTheBaselineAreCoveredAndOnlyNewerOnesArePending() {
        MigrationPlan plan = plan(List.of(sql(1, "select 1;"), sql(2, "select 2;"), sql(3, "select 3;")),
                List.of(Baseline.of(Version.of(2)).preview()));

        assertThat(plan.pending()).extracting(ResolvedMigration::version).containsExactly(Version.of(3));
        assertThat(plan.schemaVersion()).isEqualTo(Version.of(2));
        assertThat(plan.issues()).isEmpty();
        assertThat(plan.migrations()).extracting(MigrationInfo::version, MigrationInfo::type, MigrationInfo::state)
                .containsExactly(
                        tuple(Version.of(1), MigrationType.SQL, MigrationState.BELOW_BASELINE),
                        tuple(Version.of(2), MigrationType.BASELINE, MigrationState.APPLIED),
                        tuple(Version.of(2), MigrationType.SQL, MigrationState.BELOW_BASELINE),
                        tuple(Version.of(3), MigrationType.SQL, MigrationState.PENDING));
    }

    @Test
    void aBaselineWithoutLocalMigrationsBelowItIsNeitherMissingNorAhead() {
        MigrationPlan plan = plan(List.of(sql(10, "select 10;")), List.of(Baseline.of(Version.of(5)).preview()));

        assertThat(plan.issues()).isEmpty();
        assertThat(plan.pending()).extracting(ResolvedMigration::version).containsExactly(Version.of(10));
        assertThat(plan.migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
    }

    @Test
    void theSchemaVersionIsTheHighestOfTheBaselineAndWhatWasAppliedAfterIt() {
        ResolvedMigration third = sql(3, "select 3;");
        List<HistoryEntry> rows = new ArrayList<>(List.of(Baseline.of(Version.of(2)).preview(), applied(third)));
        HistoryState state = HistoryState.replay(rows);

        assertThat(state.schemaVersion()).isEqualTo(Version.of(3));
        assertThat(state.applied()).containsOnlyKeys(Version.of(3));
        assertThat(state.highestBelow(Version.of(3))).isEqualTo(Version.of(2));
        assertThat(state.coveredByBaseline(Version.of(2))).isTrue();
        assertThat(state.coveredByBaseline(Version.of(3))).isFalse();
    }

    @Test
    void aBaselineAboveTheOnlyAppliedMigrationsIsTheSchemaVersion() {
        assertThat(HistoryState.replay(List.of(Baseline.of(Version.parse("1.2")).preview())).schemaVersion())
                .isEqualTo(Version.parse("1.2"));
    }

    @Test
    void refusesAFirstMigrateIntoASchemaThatHoldsTablesNamingThemAndTheWaysOut() {
        List<Issue> issues = NonEmptySchema.check("app", false, false, List.of("notes", "users"), Set.of());

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.isError()).isTrue();
            assertThat(issue.code()).isEqualTo("NON_EMPTY_SCHEMA");
            assertThat(issue.message()).contains("Schema app already holds 2 table(s)").contains("notes, users")
                    .contains("msr.mode=baseline").contains("msr.baseline-version").contains("msr.adopt-from");
        });
    }

    @Test
    void anEmptySchemaOrOneWithOnlyMigrationToolTablesIsNoProblem() {
        assertThat(NonEmptySchema.check("app", false, false, List.of(), Set.of())).isEmpty();
        assertThat(NonEmptySchema.check("app", false, false, List.of("flyway_schema_history", "databasechangelog",
                "DATABASECHANGELOGLOCK", "schema_migrations", "msr_schema_history"), Set.of("msr_schema_history")))
                .isEmpty();
    }

    @Test
    void neverFiresOnceTheHistoryTableExistsOrWhileAnotherToolsHistoryIsAdopted() {
        assertThat(NonEmptySchema.check("app", true, false, List.of("users"), Set.of())).isEmpty();
        assertThat(NonEmptySchema.check("app", false, true, List.of("users"), Set.of())).isEmpty();
    }

    @Test
    void namesTheFirstFiveTablesAndCountsTheRest() {
        List<Issue> issues = NonEmptySchema.check("app", false, false,
                List.of("a", "b", "c", "d", "e", "f", "g"), Set.of());

        assertThat(issues.get(0).message()).contains("7 table(s)").contains("(a, b, c, d, e and 2 more)");
    }
}
