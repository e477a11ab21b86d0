package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.Optional;

/**
 * Base of every error MSR reports. Each error names what is at fault and what to do next, carries the
 * {@link ExitCode} of its outcome and, where it applies, the migration version, script, line and SQLState.
 * Messages never contain passwords.
 *
 * <p>When an operation fails after it has started, {@link #result()} holds the partial result: what ran before
 * the failure and the failure itself, ready to be written as the run's JSON summary.
 */
public abstract sealed class MsrException extends RuntimeException
        permits ValidationException, MigrationFailedException, DownFailedException, ConnectionException,
        LockTimeoutException, MsrDatabaseException, ConfigurationException, BackupFailedException,
        RestoreFailedException, RunInterruptedException {

    private static final long serialVersionUID = 1L;

    private final @Nullable Version version;
    private final @Nullable String script;
    private final @Nullable Integer line;
    private final @Nullable String sqlState;
    private transient @Nullable OperationResult result;

    MsrException(String message, @Nullable Version version, @Nullable String script, @Nullable Integer line,
            @Nullable String sqlState, @Nullable Throwable cause) {
        super(message, cause);
        this.version = version;
        this.script = script;
        this.line = line;
        this.sqlState = sqlState;
    }

    /** Returns the exit code of this outcome. */
    public abstract ExitCode exitCode();

    /** Returns the version of the migration at fault, if one is. */
    public Optional<Version> version() {
        return Optional.ofNullable(version);
    }

    /** Returns the script (file name or Java class) at fault, if one is. */
    public Optional<String> script() {
        return Optional.ofNullable(script);
    }

    /** Returns the 1-based line in the script where the database reported the error, when known. */
    public Optional<Integer> line() {
        return Optional.ofNullable(line);
    }

    /** Returns the SQLState the database reported, when the error came from the database. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /** Returns the partial result of the failed operation, when the operation had started. */
    public Optional<OperationResult> result() {
        return Optional.ofNullable(result);
    }

    /**
     * Attaches the partial result of the operation that failed. Called once by the engine; returns this
     * exception so that it can be rethrown in one expression.
     */
    public MsrException withResult(OperationResult result) {
        if (this.result == null) {
            this.result = result;
        }
        return this;
    }

    /** Describes this error as a {@link Failure} value for results and summaries. */
    public Failure toFailure() {
        return new Failure(exitCode(), getClass().getSimpleName(), getMessage(), version, script, line, sqlState);
    }
}
