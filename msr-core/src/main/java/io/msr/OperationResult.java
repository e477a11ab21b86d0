package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operation did: the migrations it ran with their outcome and duration, the schema version before and
 * after, the warnings, and the failure when it failed. Serialises to JSON with {@link #toJson()}.
 *
 * @param operation            the operation
 * @param exitCode             {@link ExitCode#SUCCESS} or the code of the failure
 * @param startedAt            when the operation started
 * @param durationMs           how long it took, lock wait included
 * @param schemaVersionBefore  the highest applied version before, or null when none was applied
 * @param schemaVersionAfter   the highest applied version after, or null when none is applied
 * @param executed             the migrations run, in the order they ran
 * @param warnings             warnings found by validation, worded for people
 * @param notes                other things the operation did besides running migrations (repairs, for example)
 * @param failure              why it failed, or null on success
 * @param backup               the backup taken or restored, or null when the operation involved none
 */
public record OperationResult(Operation operation, ExitCode exitCode, Instant startedAt, long durationMs,
        @Nullable Version schemaVersionBefore, @Nullable Version schemaVersionAfter, List<ExecutedMigration> executed,
        List<String> warnings, List<String> notes, @Nullable Failure failure, @Nullable BackupReport backup)
        implements MsrResult {

    /** Copies the lists. */
    public OperationResult {
        executed = List.copyOf(executed);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** Creates a result that involved no backup. */
    public OperationResult(Operation operation, ExitCode exitCode, Instant startedAt, long durationMs,
            @Nullable Version schemaVersionBefore, @Nullable Version schemaVersionAfter, List<ExecutedMigration> executed,
            List<String> warnings, List<String> notes, @Nullable Failure failure) {
        this(operation, exitCode, startedAt, durationMs, schemaVersionBefore, schemaVersionAfter, executed, warnings,
                notes, failure, null);
    }

    /** Returns the migrations that ran and whose change is committed. */
    public List<ExecutedMigration> succeeded() {
        List<ExecutedMigration> done = new ArrayList<>();
        for (ExecutedMigration migration : executed) {
            if (migration.outcome() == ExecutedMigration.Outcome.SUCCEEDED) {
                done.add(migration);
            }
        }
        return done;
    }

    /**
     * Returns this result as plain values: the header every result starts with ({@code operation},
     * {@code success}, {@code exitCode}), then {@code startedAt}, {@code durationMs}, {@code schemaVersionBefore},
     * {@code schemaVersionAfter}, {@code executed}, {@code warnings}, {@code notes}, on failure
     * {@code failure} and, when the operation took or restored a backup, {@code backup} ({@code file},
     * {@code sha256}, {@code restored}, {@code dropped}, {@code kept}).
     */
    @Override
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = Json.header(this);
        map.put("startedAt", startedAt.toString());
        map.put("durationMs", durationMs);
        map.put("schemaVersionBefore", Version.jsonValue(schemaVersionBefore));
        map.put("schemaVersionAfter", Version.jsonValue(schemaVersionAfter));
        List<Object> runs = new ArrayList<>();
        for (ExecutedMigration migration : executed) {
            Map<String, @Nullable Object> run = new LinkedHashMap<>();
            run.put("version", Version.jsonValue(migration.version()));
            run.put("description", migration.description());
            run.put("type", migration.type().name());
            run.put("script", migration.script());
            run.put("direction", migration.direction().name());
            run.put("outcome", migration.outcome().name());
            run.put("durationMs", migration.durationMs());
            runs.add(run);
        }
        map.put("executed", runs);
        map.put("warnings", warnings);
        map.put("notes", notes);
        if (failure != null) {
            Map<String, @Nullable Object> error = new LinkedHashMap<>();
            error.put("type", failure.type());
            error.put("message", failure.message());
            error.put("version", Version.jsonValue(failure.version()));
            error.put("script", failure.script());
            error.put("line", failure.line());
            error.put("sqlState", failure.sqlState());
            map.put("failure", error);
        }
        if (backup != null) {
            map.put("backup", backup.toMap());
        }
        return map;
    }
}
