package io.msr.internal.plan;

import io.msr.Version;
import io.msr.DownPolicy;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MigrationInfo;
import io.msr.MigrationState;
import io.msr.MsrSettings;
import io.msr.TransactionMode;
import io.msr.internal.history.HistoryState;
import io.msr.internal.source.ResolvedMigration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.msr.internal.plan.Fixtures.applied;
import static io.msr.internal.plan.Fixtures.row;
import static io.msr.internal.plan.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

class MigrationPlannerTest {

    private static final MsrSettings DEFAULTS = MsrSettings.defaults();

    private static MigrationPlan plan(List<ResolvedMigration> resolved, List<HistoryEntry> rows, MsrSettings settings) {
        return MigrationPlanner.plan(resolved, List.of(), HistoryState.replay(rows), settings);
    }

    private static List<Long> versions(List<ResolvedMigration> migrations) {
        return migrations.stream().map(migration -> migration.version().toLong()).toList();
    }

    private static List<String> codes(MigrationPlan plan) {
        return plan.issues().stream().map(i -> i.severity() + ":" + i.code()).toList();
    }

    @Test
    void plansEveryMigrationOfAnEmptyDatabaseInVersionOrder() {
        MigrationPlan plan = plan(List.of(sql(1, "select 1;"), sql(2, "select 2;"), sql(10, "select 10;")), List.of(),
                DEFAULTS);
        assertThat(versions(plan.pending())).containsExactly(1L, 2L, 10L);
        assertThat(plan.issues()).isEmpty();
        assertThat(plan.schemaVersion()).isNull();
        assertThat(plan.latestVersion()).isEqualTo(Version.of(10L));
    }

    @Test
    void plansOnlyWhatIsNotAppliedYet() {
        ResolvedMigration first = sql(1, "select 1;");
        MigrationPlan plan = plan(List.of(first, sql(2, "select 2;")), List.of(applied(first)), DEFAULTS);
        assertThat(versions(plan.pending())).containsExactly(2L);
        assertThat(plan.migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
    }

    @Test
    void rejectsTwoMigrationsWithTheSameVersion() {
        MigrationPlan plan = plan(List.of(sql(3, "select 1;", false, "a/"), sql(3, "select 2;", false, "b/")), List.of(),
                DEFAULTS);
        assertThat(plan.errors()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo("DUPLICATE_VERSION");
            assertThat(issue.message()).contains("a/V3_m3.up.sql").contains("b/V3_m3.up.sql");
        });
    }

    @Test
    void rejectsAnAppliedMigrationEditedSinceWithBothChecksums() {
        ResolvedMigration original = sql(1, "create table a (id int);");
        ResolvedMigration edited = sql(1, "create table a (id bigint);");
        MigrationPlan plan = plan(List.of(edited), List.of(applied(original)), DEFAULTS);
        Issue issue = plan.errors().get(0);
        assertThat(issue.code()).isEqualTo("CHECKSUM_MISMATCH");
        assertThat(issue.message()).contains("V1").contains("V1_m1.up.sql").contains(original.checksum())
                .contains(edited.checksum()).contains("repair");
        assertThat(plan.migrations().get(0).state()).isEqualTo(MigrationState.CHECKSUM_MISMATCH);
    }

    @Test
    void rejectsAnAppliedMigrationMissingBetweenLocalVersions() {
        ResolvedMigration one = sql(1, "select 1;");
        ResolvedMigration two = sql(2, "select 2;");
        ResolvedMigration three = sql(3, "select 3;");
        MigrationPlan plan = plan(List.of(one, three), List.of(applied(one), applied(two), applied(three)), DEFAULTS);
        assertThat(codes(plan)).containsExactly("ERROR:MISSING");
        assertThat(plan.migrations()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.MISSING, MigrationState.APPLIED);
    }

    @Test
    void reportsADatabaseAheadOfTheApplicationAsAWarning() {
        ResolvedMigration one = sql(1, "select 1;");
        ResolvedMigration two = sql(2, "select 2;");
        MigrationPlan plan = plan(List.of(one), List.of(applied(one), applied(two)), DEFAULTS);
        assertThat(codes(plan)).containsExactly("WARNING:AHEAD");
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.migrations().get(1).state()).isEqualTo(MigrationState.AHEAD);
    }

    @Test
    void strictModeTurnsWarningsIntoErrors() {
        ResolvedMigration one = sql(1, "select 1;");
        MigrationPlan plan = plan(List.of(one), List.of(applied(one), applied(sql(2, "x;"))),
                DEFAULTS.toBuilder().strict(true).build());
        assertThat(codes(plan)).containsExactly("ERROR:AHEAD");
    }

    @Test
    void rejectsAPendingMigrationOlderThanTheNewestAppliedOne() {
        ResolvedMigration one = sql(1, "select 1;");
        ResolvedMigration three = sql(3, "select 3;");
        MigrationPlan plan = plan(List.of(one, sql(2, "select 2;"), three), List.of(applied(one), applied(three)),
                DEFAULTS);
        assertThat(plan.errors()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo("OUT_OF_ORDER");
            assertThat(issue.message()).contains("V2").contains("msr.out-of-order=true");
        });
    }

    @Test
    void appliesOutOfOrderMigrationsWhenAllowed() {
        ResolvedMigration one = sql(1, "select 1;");
        ResolvedMigration three = sql(3, "select 3;");
        MigrationPlan plan = plan(List.of(one, sql(2, "select 2;"), three, sql(4, "select 4;")),
                List.of(applied(one), applied(three)), DEFAULTS.toBuilder().outOfOrder(true).build());
        assertThat(plan.errors()).isEmpty();
        assertThat(versions(plan.pending())).containsExactly(2L, 4L);
    }

    @Test
    void blocksOnAFailedMigrationUntilRepaired() {
        ResolvedMigration one = sql(1, "select 1;");
        HistoryEntry failed = row(1, one.script(), one.checksum(), HistoryOperation.UP, false);
        assertThat(codes(plan(List.of(one), List.of(failed), DEFAULTS))).containsExactly("ERROR:FAILED");
        HistoryEntry repair = row(1, one.script(), null, HistoryOperation.REPAIR, true);
        MigrationPlan repaired = plan(List.of(one), List.of(failed, repair), DEFAULTS);
        assertThat(repaired.errors()).isEmpty();
        assertThat(versions(repaired.pending())).containsExactly(1L);
    }

    @Test
    void appliesTheDownPolicyToPendingMigrations() {
        List<ResolvedMigration> resolved = List.of(sql(1, "select 1;", true, ""), sql(2, "select 2;"));
        assertThat(plan(resolved, List.of(), DEFAULTS).issues()).isEmpty();
        assertThat(codes(plan(resolved, List.of(), DEFAULTS.toBuilder().downPolicy(DownPolicy.RECOMMENDED).build())))
                .containsExactly("WARNING:MISSING_DOWN");
        MigrationPlan required = plan(resolved, List.of(), DEFAULTS.toBuilder().downPolicy(DownPolicy.REQUIRED).build());
        assertThat(required.errors()).singleElement()
                .satisfies(issue -> assertThat(issue.message()).contains("add V2_m2.down.sql"));
    }

    @Test
    void stopsAtTheTargetVersion() {
        MigrationPlan plan = plan(List.of(sql(1, "select 1;"), sql(2, "select 2;"), sql(3, "select 3;")), List.of(),
                DEFAULTS.toBuilder().target(Version.of(2L)).build());
        assertThat(versions(plan.pending())).containsExactly(1L, 2L);
        assertThat(plan.migrations().get(2).state()).isEqualTo(MigrationState.ABOVE_TARGET);
    }

    @Test
    void rejectsANonTransactionalMigrationInAPerBatchRun() {
        MigrationPlan plan = plan(List.of(sql(1, "-- msr:transaction=false\ncreate index concurrently if not exists i on t (a);")),
                List.of(), DEFAULTS.toBuilder().transactionMode(TransactionMode.PER_BATCH).build());
        assertThat(codes(plan)).containsExactly("ERROR:NON_TRANSACTIONAL_IN_BATCH");
    }

    @Test
    void treatsAVersionRevertedByDownAsPendingAgain() {
        ResolvedMigration one = sql(1, "select 1;");
        HistoryEntry down = row(1, one.script(), null, HistoryOperation.DOWN, true);
        MigrationPlan plan = plan(List.of(one), List.of(applied(one), down), DEFAULTS);
        assertThat(versions(plan.pending())).containsExactly(1L);
        assertThat(plan.schemaVersion()).isNull();
    }

    @Test
    void acceptsAnEditAfterAChecksumRepair() {
        ResolvedMigration original = sql(1, "create table a (id int);");
        ResolvedMigration edited = sql(1, "create table a (id bigint);");
        HistoryEntry repair = row(1, original.script(), edited.checksum(), HistoryOperation.REPAIR, true);
        assertThat(plan(List.of(edited), List.of(applied(original), repair), DEFAULTS).issues()).isEmpty();
    }

    @Test
    void aConcurrentlyStatementInATransactionalFileIsAnErrorWithoutStrict() {
        MigrationPlan plan = plan(List.of(sql(1, "create table b (id bigint);"),
                sql(2, "create index concurrently if not exists i on t (a);")), List.of(), DEFAULTS);
        assertThat(codes(plan)).containsExactly("ERROR:LINT_CONCURRENTLY_IN_TRANSACTION");
        assertThat(plan.errors().get(0).message()).contains("V2").contains("-- msr:transaction=false");
    }

    @Test
    void theLintAssumesTheServersVersionUnlessTheSettingNamesOne() {
        List<ResolvedMigration> pending = List.of(sql(1, "alter table t add column c boolean not null default true;"));
        assertThat(codes(MigrationPlanner.plan(pending, List.of(), HistoryState.replay(List.of()), DEFAULTS, true, 10)))
                .containsExactly("WARNING:LINT_ADD_COLUMN_VOLATILE_DEFAULT");
        assertThat(codes(MigrationPlanner.plan(pending, List.of(), HistoryState.replay(List.of()), DEFAULTS, true, 16)))
                .isEmpty();
        assertThat(codes(MigrationPlanner.plan(pending, List.of(), HistoryState.replay(List.of()),
                DEFAULTS.toBuilder().lintPostgresVersion(10).build(), true, 16)))
                .containsExactly("WARNING:LINT_ADD_COLUMN_VOLATILE_DEFAULT");
    }

    @Test
    void reportsTheErrorsThenTheWarningsEachInTheOrderOfTheChecks() {
        ResolvedMigration edited = sql(1, "select 1; -- edited");
        ResolvedMigration applied = sql(6, "select 6;");
        List<ResolvedMigration> resolved = List.of(edited, sql(2, "select 2;", false, "a/"),
                sql(2, "select 2;", false, "b/"), sql(3, "select 3;"), sql(5, "select 5;"), applied,
                repeatable("views", ""), repeatable("views", "b/"));
        List<HistoryEntry> rows = List.of(row(1, edited.script(), "1234", HistoryOperation.UP, true),
                row(3, "V3_m3.up.sql", "1", HistoryOperation.UP, false),
                row(4, "V4_m4.up.sql", "4", HistoryOperation.UP, true), applied(applied),
                row(8, "V8_m8.up.sql", "8", HistoryOperation.UP, true));
        MigrationPlan plan = plan(resolved, rows, DEFAULTS.toBuilder().downPolicy(DownPolicy.RECOMMENDED)
                .target(Version.of(7L)).build());
        // Duplicates first, then each resolved migration's problems in version order (V1, V2, V3, V5), then the
        // history's migrations with no file, then the repeatables', then those of what would be applied.
        assertThat(codes(plan)).containsExactly("ERROR:DUPLICATE_VERSION", "ERROR:CHECKSUM_MISMATCH",
                "ERROR:OUT_OF_ORDER", "ERROR:FAILED", "ERROR:OUT_OF_ORDER", "ERROR:MISSING", "ERROR:DUPLICATE_REPEATABLE", "WARNING:MISSING_DOWN",
                "WARNING:MISSING_DOWN", "WARNING:AHEAD", "WARNING:TARGET_BELOW_SCHEMA");
        assertThat(plan.errors()).extracting(Issue::version).containsExactly(Version.of(2L), Version.of(1L),
                Version.of(2L), Version.of(3L), Version.of(5L), Version.of(4L), null);
        assertThat(plan.warnings()).extracting(Issue::version)
                .containsExactly(Version.of(2L), Version.of(5L), Version.of(8L), null);
    }

    private static ResolvedMigration repeatable(String description, String folder) {
        io.msr.internal.source.SqlScript up = Fixtures.script(folder + "R__" + description + ".sql", "select 1;");
        return new ResolvedMigration(null, description, io.msr.MigrationType.SQL, up.file().path(), up.checksum(), up,
                null, null, false);
    }
}
