package io.msr.internal.execute;

import io.msr.BackupReport;
import io.msr.Version;
import io.msr.ExecutedMigration;
import io.msr.ExitCode;
import io.msr.Issue;
import io.msr.MigrationListener;
import io.msr.MsrException;
import io.msr.Operation;
import io.msr.OperationResult;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects what one operation does and builds its {@link OperationResult}, successful or failed. */
public final class RunRecorder {

    private final Operation operation;
    private final MigrationListener listener;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final List<ExecutedMigration> executed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private @Nullable Version versionBefore;
    private @Nullable Version versionAfter;
    private @Nullable BackupReport backup;

    /** Starts recording an operation and tells the listener it started. */
    public RunRecorder(Operation operation, MigrationListener listener) {
        this.operation = operation;
        this.listener = listener;
        listener.runStarted(operation);
    }

    /** Sets the schema version before the operation and, for now, after it. */
    public void versions(@Nullable Version before, @Nullable Version after) {
        this.versionBefore = before;
        this.versionAfter = after;
    }

    /** Sets the schema version after the operation. */
    public void versionAfter(@Nullable Version after) {
        this.versionAfter = after;
    }

    /** Returns the schema version before the operation, or null when none was applied. */
    public @Nullable Version versionBefore() {
        return versionBefore;
    }

    /** Returns the schema version after the operation, or null when none is applied. */
    public @Nullable Version versionAfter() {
        return versionAfter;
    }

    /** Adds the messages of the issues as warnings. */
    public void warnings(List<Issue> issues) {
        for (Issue issue : issues) {
            warnings.add(issue.message());
        }
    }

    /** Adds a note: something the operation did besides running migrations. */
    public void note(String note) {
        notes.add(note);
    }

    /** Records a migration that ran, or tried to. */
    public void executed(ExecutedMigration migration) {
        executed.add(migration);
    }

    /** Returns what was recorded so far, in order. */
    public List<ExecutedMigration> executedSoFar() {
        return List.copyOf(executed);
    }

    /** Returns a mark of what was recorded so far, for {@link #discardFrom}. */
    public int mark() {
        return executed.size();
    }

    /** Forgets what was recorded after the mark: an attempt that was rolled back and is tried again. */
    public void discardFrom(int mark) {
        executed.subList(mark, executed.size()).clear();
    }

    /** Marks every migration that succeeded so far as rolled back (a batch transaction was rolled back). */
    public void rollBackSucceeded() {
        for (int i = 0; i < executed.size(); i++) {
            ExecutedMigration migration = executed.get(i);
            if (migration.outcome() == ExecutedMigration.Outcome.SUCCEEDED) {
                executed.set(i, new ExecutedMigration(migration.version(), migration.description(), migration.type(),
                        migration.script(), migration.direction(), ExecutedMigration.Outcome.ROLLED_BACK,
                        migration.durationMs(), migration.phase()));
            }
        }
    }

    /** Returns how many migrations succeeded and are committed. */
    public int succeededCount() {
        int count = 0;
        for (ExecutedMigration migration : executed) {
            if (migration.outcome() == ExecutedMigration.Outcome.SUCCEEDED) {
                count++;
            }
        }
        return count;
    }

    /** Returns the milliseconds since the operation started. */
    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Records the backup the operation took. */
    public void backedUp(Path file, String sha256) {
        backup = BackupReport.taken(file.toString(), sha256);
    }

    /** Records that the operation restored a backup, and what it dropped and kept besides. */
    public void restored(Path file, String sha256, List<String> dropped, List<String> kept) {
        backup = new BackupReport(file.toString(), sha256, true, dropped, kept);
    }

    /** Builds the successful result and tells the listener the run finished. */
    public OperationResult success() {
        OperationResult result = new OperationResult(operation, ExitCode.SUCCESS, startedAt, elapsedMs(), versionBefore,
                versionAfter, executed, warnings, notes, null, backup);
        listener.runFinished(result);
        return result;
    }

    /** Attaches the failed result to the error and returns the error, for rethrowing. */
    public MsrException failure(MsrException error) {
        OperationResult result = new OperationResult(operation, error.exitCode(), startedAt, elapsedMs(), versionBefore,
                versionAfter, executed, warnings, notes, error.toFailure(), backup);
        error.withResult(result);
        listener.runFinished(result);
        return error;
    }
}
