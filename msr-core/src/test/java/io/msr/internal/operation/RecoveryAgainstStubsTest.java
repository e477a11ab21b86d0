package io.msr.internal.operation;

import io.msr.Version;
import io.msr.DownFailedException;
import io.msr.ExecutedMigration;
import io.msr.ExitCode;
import io.msr.JavaMigration;
import io.msr.MigrationContext;
import io.msr.MigrationFailedException;
import io.msr.MigrationListener;
import io.msr.MigrationType;
import io.msr.MsrDatabaseException;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.Operation;
import io.msr.RollbackStrategy;
import io.msr.TransactionMode;
import io.msr.internal.execute.Applier;
import io.msr.internal.execute.HistoryTableCreation;
import io.msr.internal.execute.Reverter;
import io.msr.internal.execute.RunRecorder;
import io.msr.internal.history.table.HistoryWriter;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.LockObserver;
import io.msr.internal.lock.NoMigrationLock;
import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.stub.ScriptedConnection;
import io.msr.internal.stub.StubDialect;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Migrate's orchestration (apply, retry, recover) against a scripted connection and a stub dialect: no database,
 * so every failure point, COMMIT included, is reached on purpose and the order of what happened is checked.
 */
class RecoveryAgainstStubsTest {

    private final ScriptedConnection database = new ScriptedConnection();
    private final List<String> heard = new ArrayList<>();
    private RunRecorder recorder;

    private void migrate(MsrSettings.Builder settings, List<ResolvedMigration> pending) {
        MsrSettings built = settings.locations("classpath:none").build();
        StubDialect dialect = new StubDialect();
        SchemaHistory history = new SchemaHistory(dialect, "app", "msr_schema_history");
        MigrationListener listener = new MigrationListener() {
            @Override
            public void migrationSucceeded(ExecutedMigration migration) {
                heard.add("succeeded " + migration.direction() + " " + migration.version());
            }

            @Override
            public void migrationFailed(ExecutedMigration migration, MsrException error) {
                heard.add("failed " + migration.direction() + " " + migration.version());
            }
        };
        recorder = new RunRecorder(Operation.MIGRATE, listener);
        try (HistoryWriter writer = history.writer(database.connection())) {
            Applier applier = new Applier(built, dialect, history, writer,
                    new HistoryTableCreation(history, "app", true), listener);
            FailureRecovery recovery = new FailureRecovery(built.rollbackStrategy(), built.transactionMode(),
                    new DownRollback(new Reverter(built, dialect, history, writer, listener)), null);
            MigrateStep.applyOrRecover(applier, recovery, built.transactionMode(), database.connection(),
                    new NoMigrationLock(new LockKey(1, 2, "stub")).acquire(Duration.ZERO, LockObserver.NONE),
                    pending, recorder);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static MsrSettings.Builder settings() {
        return MsrSettings.builder();
    }

    private static ResolvedMigration migration(long version, boolean transactional, boolean withDown) {
        JavaMigration java = new JavaMigration() {
            @Override
            public void up(MigrationContext context) throws Exception {
                try (Statement statement = context.connection().createStatement()) {
                    statement.execute("up V" + version);
                }
            }

            @Override
            public void down(MigrationContext context) throws Exception {
                try (Statement statement = context.connection().createStatement()) {
                    statement.execute("down V" + version);
                }
            }

            @Override
            public boolean transactional() {
                return transactional;
            }
        };
        return new ResolvedMigration(Version.of(version), "m" + version, MigrationType.JAVA, "V" + version + "_m", null, null, null,
                java, withDown);
    }

    private static List<ResolvedMigration> three() {
        return List.of(migration(1, true, true), migration(2, true, true), migration(3, true, true));
    }

    @Test
    void aCommitFailureIsTheMigrationsFailureAndIsRolledBackBeforeItIsReported() {
        List<ResolvedMigration> pending = List.of(migration(1, true, true));
        database.failCommits("23503");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> migrate(settings(), pending));

        assertThat(error.version()).contains(Version.of(1L));
        assertThat(error.sqlState()).contains("23503");
        assertThat(error.getMessage()).contains("failed at COMMIT");
        assertThat(database.journal()).containsExactly("autocommit false", "up V1", "history V1 UP true",
                "commit failed 23503", "rollback");
        assertThat(heard).containsExactly("failed UP 1");
    }

    @Test
    void aTransientCommitFailureIsRolledBackAndTriedAgain() {
        database.failCommits("40001");

        migrate(settings(), List.of(migration(1, true, true)));

        assertThat(database.journal()).containsExactly("autocommit false", "up V1", "history V1 UP true",
                "commit failed 40001", "rollback", "autocommit false", "up V1", "history V1 UP true", "commit");
        assertThat(recorder.executedSoFar()).extracting(ExecutedMigration::outcome)
                .containsExactly(ExecutedMigration.Outcome.SUCCEEDED);
    }

    @Test
    void aFailedHistoryRowIsRolledBackBeforeTheDownRollbackRuns() {
        database.failHistoryRow("history V3 UP", "42501");

        MsrDatabaseException error = catchThrowableOfType(MsrDatabaseException.class,
                () -> migrate(settings().rollbackStrategy(RollbackStrategy.DOWN), three()));

        assertThat(error.exitCode()).isEqualTo(ExitCode.ERROR);
        List<String> journal = database.journal();
        assertThat(journal).containsSubsequence("up V3", "failed history V3 UP true", "rollback", "down V2",
                "history V2 DOWN true", "commit", "down V1", "history V1 DOWN true", "commit");
        assertThat(journal.indexOf("rollback")).isLessThan(journal.indexOf("down V2"));
        assertThat(heard).containsExactly("succeeded UP 1", "succeeded UP 2", "failed UP 3", "succeeded DOWN 2",
                "succeeded DOWN 1");
    }

    @Test
    void theDownRollbackStopsAtAMigrationWithoutDownAndCarriesTheOriginalFailure() {
        database.failStatement("up V3", "42P01");
        List<ResolvedMigration> pending = List.of(migration(1, true, true), migration(2, true, false),
                migration(3, true, true));

        DownFailedException error = catchThrowableOfType(DownFailedException.class,
                () -> migrate(settings().rollbackStrategy(RollbackStrategy.DOWN), pending));

        assertThat(error.exitCode()).isEqualTo(ExitCode.ROLLBACK_FAILED);
        assertThat(error.getMessage()).contains("V2 (V2_m) has no down migration").contains("V2, V1 stay applied");
        assertThat(error.getSuppressed()).hasAtLeastOneElementOfType(MigrationFailedException.class);
        assertThat(database.journal()).doesNotContain("down V1", "down V2");
    }

    @Test
    void aBatchCommitFailureRollsBackEveryMigrationAndNamesTheLast() {
        database.failCommits("23514");

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> migrate(settings().transactionMode(TransactionMode.PER_BATCH), three()));

        assertThat(error.version()).contains(Version.of(3L));
        assertThat(database.journal()).endsWith("commit failed 23514", "rollback");
        assertThat(recorder.executedSoFar()).extracting(e -> e.version() + " " + e.outcome())
                .containsExactly("1 ROLLED_BACK", "2 ROLLED_BACK", "3 FAILED");
    }

    @Test
    void aNonTransactionalMigrationIsRecordedStartedThenFailedAndNeverRetried() {
        database.failStatement("up V1", "40001");

        catchThrowableOfType(MigrationFailedException.class,
                () -> migrate(settings(), List.of(migration(1, false, true))));

        assertThat(database.journal()).containsExactly("autocommit true", "history V1 STARTED false",
                "failed up V1", "history V1 UP false");
    }
}
