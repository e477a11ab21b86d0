package io.msr.boot.autoconfigure.verify;

import io.msr.DeployPhase;
import io.msr.Version;
import io.msr.InfoResult;
import io.msr.Issue;
import io.msr.MigrationInfo;
import io.msr.MigrationState;
import io.msr.MigrationType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaStateEvaluatorTest {

    private static MigrationInfo migration(long version, MigrationState state) {
        boolean applied = state == MigrationState.APPLIED || state == MigrationState.AHEAD
                || state == MigrationState.CHECKSUM_MISMATCH;
        return new MigrationInfo(Version.of(version), "m" + version, MigrationType.SQL, "V" + version + "_m.up.sql", state, "c", "c",
                false, applied ? Instant.EPOCH : null, applied ? "app" : null, applied ? 1L : null);
    }

    private static SchemaState evaluate(boolean allowAhead, MigrationInfo... migrations) {
        return SchemaStateEvaluator.evaluate(new InfoResult(Version.of(1), Version.of(2), List.of(migrations), List.of(), true, List.of()),
                allowAhead);
    }

    @Test
    void isUpWhenEverythingIsApplied() {
        assertThat(evaluate(true, migration(1, MigrationState.APPLIED)).status()).isEqualTo(SchemaState.Status.UP);
    }

    @Test
    void isOutOfServiceWhileMigrationsArePending() {
        SchemaState state = evaluate(true, migration(1, MigrationState.APPLIED), migration(2, MigrationState.PENDING));
        assertThat(state.status()).isEqualTo(SchemaState.Status.OUT_OF_SERVICE);
        assertThat(state.reason()).contains("1 migration(s) pending, first V2");
    }

    @Test
    void staysUpWhileOnlyPostDeployMigrationsArePendingAndSaysSo() {
        MigrationInfo contract = new MigrationInfo(Version.of(3), "drop name", MigrationType.SQL, "V3_drop_name.up.sql",
                MigrationState.PENDING, "c", null, false, null, null, null, DeployPhase.POST_DEPLOY);
        SchemaState up = evaluate(false, migration(1, MigrationState.APPLIED), contract);
        assertThat(up.status()).isEqualTo(SchemaState.Status.UP);
        assertThat(up.reason()).isEqualTo("Schema at version V1; 1 post-deploy migration(s) pending, first V3, for the"
                + " post-deploy Job after the rollout");

        SchemaState waiting = evaluate(true, migration(1, MigrationState.APPLIED), migration(2, MigrationState.PENDING),
                contract);
        assertThat(waiting.status()).isEqualTo(SchemaState.Status.OUT_OF_SERVICE);
        assertThat(waiting.reason()).contains("1 migration(s) pending, first V2");
    }

    @Test
    void aSchemaAheadInStrictModeIsLeftToAllowAheadNotCountedAsAnError() {
        Issue ahead = Issue.warning("AHEAD", "The database is ahead of this application: migration V2 ...",
                Version.of(2), "V2_m.up.sql").asError();
        InfoResult info = new InfoResult(Version.of(2), Version.of(1), List.of(migration(1, MigrationState.APPLIED),
                migration(2, MigrationState.AHEAD)), List.of(), true, List.of(ahead));
        assertThat(SchemaStateEvaluator.evaluate(info, true).status()).as("the previous release during a rollout")
                .isEqualTo(SchemaState.Status.UP);
        assertThat(SchemaStateEvaluator.evaluate(info, false).status()).isEqualTo(SchemaState.Status.OUT_OF_SERVICE);
    }

    @Test
    void isDownWhenAMigrationFailedOrWasEdited() {
        assertThat(evaluate(true, migration(1, MigrationState.FAILED)).status()).isEqualTo(SchemaState.Status.DOWN);
        assertThat(evaluate(true, migration(1, MigrationState.CHECKSUM_MISMATCH)).status())
                .isEqualTo(SchemaState.Status.DOWN);
    }

    @Test
    void isDownWithTheErrorsAMigrateWouldStopOnAndUpDespiteWarnings() {
        Issue error = Issue.error("MALFORMED_NAME", "File x/V1__a.sql is not a valid migration name", null, "V1__a.sql");
        Issue warning = Issue.warning("LOCATION_MISSING", "Location classpath:db/msr does not exist", null, null);
        SchemaState down = SchemaStateEvaluator.evaluate(new InfoResult(null, null, List.of(), List.of(), false,
                List.of(error, warning)), true);
        assertThat(down.status()).isEqualTo(SchemaState.Status.DOWN);
        assertThat(down.reason()).isEqualTo("1 validation error(s) would stop the migration Job: " + error.message());
        assertThat(SchemaSummary.of(down)).containsEntry("errors", List.of(error.message()));

        SchemaState up = SchemaStateEvaluator.evaluate(new InfoResult(null, null, List.of(), List.of(), false,
                List.of(warning)), true);
        assertThat(up.status()).isEqualTo(SchemaState.Status.UP);
        assertThat(SchemaSummary.of(up)).doesNotContainKey("errors");
    }

    @Test
    void staysUpWhenTheSchemaIsAheadUnlessThatIsNotAllowed() {
        MigrationInfo[] ahead = {migration(1, MigrationState.APPLIED), migration(2, MigrationState.AHEAD)};
        assertThat(evaluate(true, ahead).status()).isEqualTo(SchemaState.Status.UP);
        assertThat(evaluate(true, ahead).reason()).contains("ahead");
        assertThat(evaluate(false, ahead).status()).isEqualTo(SchemaState.Status.OUT_OF_SERVICE);
    }

    @Test
    void mapsEveryStateToAHealthStatus() {
        for (SchemaState.Status status : SchemaState.Status.values()) {
            assertThat(MsrHealthIndicator.status(status).getCode()).isEqualTo(status.name());
        }
    }
}
