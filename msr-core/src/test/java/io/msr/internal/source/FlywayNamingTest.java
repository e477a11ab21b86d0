package io.msr.internal.source;

import io.msr.Direction;
import io.msr.MigrationNaming;
import io.msr.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** msr.naming=flyway: Flyway's versioned, undo and repeatable names, and its Java class names. */
class FlywayNamingTest {

    private static final FileNaming FLYWAY = FileNaming.of(MigrationNaming.FLYWAY);
    private static final FileNaming MSR = FileNaming.of(MigrationNaming.MSR);

    @Test
    void versionedNamesTakeDottedAndUnderscoredVersions() {
        assertThat(FLYWAY.parse("V1__init.sql")).isEqualTo(valid("1", "init", Direction.UP));
        assertThat(FLYWAY.parse("V1.1__add_email.sql")).isEqualTo(valid("1.1", "add email", Direction.UP));
        assertThat(FLYWAY.parse("V2_0_10__Create orders.sql")).isEqualTo(valid("2.0.10", "Create orders",
                Direction.UP));
    }

    @Test
    void undoFilesAreDownMigrationsAndRepeatablesHaveNoVersion() {
        assertThat(FLYWAY.parse("U1.1__add_email.sql")).isEqualTo(valid("1.1", "add email", Direction.DOWN));
        SqlFileName.Parsed repeatable = FLYWAY.parse("R__refresh_views.sql");
        assertThat(repeatable).isEqualTo(new SqlFileName.Valid(null, "refresh views", Direction.UP));
        assertThat(((SqlFileName.Valid) repeatable).repeatable()).isTrue();
    }

    @Test
    void brokenFlywayNamesAreMalformedWithTheNameMeant() {
        assertThat(FLYWAY.parse("V1_init.sql")).isEqualTo(new SqlFileName.Malformed(
                "its version is not followed by two underscores and a description", "V1__init.sql"));
        assertThat(FLYWAY.parse("V1.a__init.sql")).isInstanceOf(SqlFileName.Malformed.class);
        assertThat(FLYWAY.parse("R_views.sql")).isInstanceOf(SqlFileName.Malformed.class);
        assertThat(FLYWAY.parse("seed.sql")).isInstanceOf(SqlFileName.Ignored.class);
    }

    @Test
    void javaClassNamesFollowTheLayout() {
        assertThat(FLYWAY.parseJavaClass("V1_2__Backfill_names")).isEqualTo(valid("1.2", "Backfill names",
                Direction.UP));
        assertThat(FLYWAY.parseJavaClass("V202601150930_Backfill")).isNull();
        assertThat(MSR.parseJavaClass("V202601150930_Backfill")).isEqualTo(valid("202601150930", "Backfill",
                Direction.UP));
    }

    @Test
    void msrNamingHasItsOwnRepeatablesAndLeavesFlywaysToFlyway() {
        assertThat(MSR.parse("R_refresh_views.sql")).isEqualTo(new SqlFileName.Valid(null, "refresh views",
                Direction.UP));
        assertThat(MSR.parse("R__refresh_views.sql")).isInstanceOf(SqlFileName.Malformed.class);
        assertThat(MSR.parse("V1__init.sql")).isInstanceOf(SqlFileName.Malformed.class);
    }

    private static SqlFileName.Valid valid(String version, String description, Direction direction) {
        return new SqlFileName.Valid(Version.parse(version), description, direction);
    }
}
