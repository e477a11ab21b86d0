package io.msr.internal.plan;

import io.msr.HistoryEntry;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.Issue;
import io.msr.internal.history.HistoryState;
import io.msr.internal.source.ResolvedMigration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.msr.internal.plan.Fixtures.row;
import static io.msr.internal.plan.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

/** The empty-location rule, without a database: per location, only while the history holds what no location has. */
class EmptyLocationsTest {

    private static final List<ResolvedMigration> MIGRATIONS = List.of(sql(1, "select 1;"), sql(2, "select 2;"),
            sql(5, "select 5;"));

    private static HistoryState history(List<ResolvedMigration> migrations) {
        return HistoryState.replay(migrations.stream().map(Fixtures::applied).toList());
    }

    @Test
    void anEmptyLocationWhileTheHistoryRecordsMigrationsIsAnErrorPerLocation() {
        List<Issue> issues = EmptyLocations.issues(List.of("filesystem:/migrations", "filesystem:/extra"), List.of(),
                history(MIGRATIONS));

        assertThat(issues).hasSize(2).allSatisfy(issue -> {
            assertThat(issue.isError()).isTrue();
            assertThat(issue.code()).isEqualTo("LOCATION_EMPTY");
        });
        assertThat(issues.get(0).message()).startsWith("Location filesystem:/migrations exists but holds no"
                + " migrations, while the history records 3 applied migration(s) (latest V5): a mount that did not"
                + " populate?");
        assertThat(issues.get(1).message()).contains("filesystem:/extra");
    }

    @Test
    void anEmptyLocationIsHarmlessWhileOtherLocationsProvideTheWholeHistory() {
        assertThat(EmptyLocations.issues(List.of("filesystem:/extra"), MIGRATIONS, history(MIGRATIONS))).isEmpty();
    }

    @Test
    void countsWhatNoLocationProvidesWhenOthersProvideSome() {
        List<Issue> issues = EmptyLocations.issues(List.of("filesystem:/extra"), MIGRATIONS.subList(0, 2),
                history(MIGRATIONS));

        assertThat(issues).singleElement().satisfies(issue -> assertThat(issue.message())
                .contains("3 applied migration(s) (latest V5), 1 of them found in no location"));
    }

    @Test
    void anEmptyHistoryABaselineAloneOrNoEmptyLocationNeverTrigger() {
        assertThat(EmptyLocations.issues(List.of("classpath:db/msr"), List.of(), HistoryState.EMPTY)).isEmpty();
        HistoryEntry baseline = row(7, "<< baseline >>", null, HistoryOperation.BASELINE, true);
        assertThat(EmptyLocations.issues(List.of("classpath:db/msr"), List.of(), HistoryState.replay(List.of(baseline))))
                .isEmpty();
        assertThat(EmptyLocations.issues(List.of(), List.of(), history(MIGRATIONS))).isEmpty();
    }
}
