package io.msr.internal.execute;

import io.msr.ConnectionException;
import io.msr.Direction;
import io.msr.DownFailedException;
import io.msr.MigrationFailedException;
import io.msr.MsrException;
import io.msr.Redaction;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.source.SqlScript;
import io.msr.internal.sql.PlaceholderReplacer;
import io.msr.internal.sql.SqlStatement;
import io.msr.internal.sql.TransactionControl;
import org.jspecify.annotations.Nullable;

import java.sql.SQLException;

/**
 * Turns what went wrong in a migration into the exception the run ends with: {@link MigrationFailedException} (up),
 * {@link DownFailedException} (down) or {@link ConnectionException} (the connection broke), naming version, file,
 * line and SQLState, the server's text with secret values masked, and what remains of the migration (rolled back
 * with its transaction, or partly applied outside one and recorded as failed).
 */
final class MigrationFailures {

    private final Dialect dialect;
    private final Redaction redaction;

    MigrationFailures(Dialect dialect, Redaction redaction) {
        this.dialect = dialect;
        this.redaction = redaction;
    }

    /** The failure of a statement that would end MSR's transaction; the statement was not sent. */
    MsrException endsOurTransaction(ResolvedMigration migration, SqlScript script, SqlStatement statement,
            Direction direction) {
        int line = script.lineOf(statement.offset());
        String where = migration.label() + " (" + script.fileName() + ", line " + line + ")";
        String text = (direction == Direction.UP ? "Migration " : "Down migration ") + where + " was stopped before"
                + " its " + TransactionControl.keyword(statement.sql()) + ": the file runs in MSR's transaction, which"
                + " this statement would end, committing part of the migration apart from its history row. It was not"
                + " sent." + consequence(true, direction) + " Leave transaction control to MSR, split the work into"
                + " separate migrations, or make the file run outside a transaction with the first line"
                + " -- msr:transaction=false.";
        return direction == Direction.UP
                ? new MigrationFailedException(text, migration.version(), script.fileName(), line, null, null)
                : new DownFailedException(text, migration.version(), script.fileName(), line, null, null);
    }

    /** The failure of a file that ended with the transaction block it opened still open. */
    MsrException leftOpen(ResolvedMigration migration, SqlScript script, SqlStatement open,
            Direction direction, String stayed) {
        int line = script.lineOf(open.offset());
        String where = migration.label() + " (" + script.fileName() + ", line " + line + ")";
        String text = (direction == Direction.UP ? "Migration " : "Down migration ") + where + " ended with the"
                + " transaction block its " + TransactionControl.keyword(open.sql()) + " opened still open: add the"
                + " COMMIT that ends it." + stayed;
        return direction == Direction.UP
                ? new MigrationFailedException(text, migration.version(), script.fileName(), line, null, null)
                : new DownFailedException(text, migration.version(), script.fileName(), line, null, null);
    }

    /** Translates what a Java migration threw, other than an {@link SQLException} or an {@link MsrException}. */
    MsrException javaFailure(ResolvedMigration migration, Direction direction, boolean transactional, Exception e) {
        String what = "Java migration V" + migration.version() + " (" + migration.script() + ") failed"
                + (direction == Direction.DOWN ? " in down()" : "") + ": " + e;
        return direction == Direction.UP
                ? new MigrationFailedException(redaction.mask(what) + consequence(transactional, direction),
                migration.version(), migration.script(), null, null, e)
                : new DownFailedException(redaction.mask(what) + consequence(transactional, direction),
                migration.version(), migration.script(), null, null, e);
    }

    /**
     * Translates an error the database raised for a migration outside its statements: {@code phase} says when,
     * e.g. "at COMMIT" (a deferred constraint, a serialization failure) or "while setting its timeouts".
     */
    MsrException failure(ResolvedMigration migration, Direction direction, boolean transactional, String phase,
            SQLException error) {
        SqlScript script = migration.java() != null ? null
                : direction == Direction.UP ? migration.up() : migration.down();
        return failure(migration, script, null, null, direction, transactional, phase, error, null);
    }

    /**
     * Translates an error the database raised for a statement of {@code script} ({@code statement} and the text
     * {@code sent}, when known, place it on its line); {@code stayed}, when given, says what remains of the migration
     * instead of the transaction mode's sentence.
     */
    MsrException failure(ResolvedMigration migration, @Nullable SqlScript script, @Nullable SqlStatement statement,
            PlaceholderReplacer.@Nullable Replaced sent, Direction direction, boolean transactional,
            @Nullable String phase, SQLException error, @Nullable String stayed) {
        String consequence = stayed != null ? stayed : consequence(transactional, direction)
                + (transactional ? ErrorHints.of(error) : "");
        String file = script != null ? script.fileName() : migration.script();
        Integer line = null;
        if (script != null && statement != null) {
            Integer position = dialect.errorPosition(error);
            int offset = statement.offset();
            if (position != null && position > 0) {
                // the server counts code points of the text sent, placeholders replaced
                String text = sent.text();
                offset += sent.originalIndex(text.offsetByCodePoints(0,
                        Math.min(position - 1, text.codePointCount(0, text.length()))));
            }
            line = script.lineOf(offset);
        }
        String where = migration.label() + " (" + file + (line == null ? "" : ", line " + line) + ")";
        // The server's text may echo a statement or a value (Where:, Detail:, Context:): secret values are masked here,
        // where every database failure of a migration becomes text.
        String message = redaction.mask(serverMessage(error));
        String state = error.getSQLState();
        if (dialect.isConnectionError(error) && !transactional) {
            // Not a retry's matter: what the lost session did is unknown, and the history says so until a person looks.
            String text = "Lost the database connection while running " + (direction == Direction.UP ? "migration "
                    : "down migration ") + where + ": " + message + (state == null ? "" : " (SQLState " + state + ")")
                    + "." + (stayed != null ? stayed : " It ran outside a transaction, so statements before that one"
                    + " stay applied, and that one may have completed or not. It is left as started but unfinished in"
                    + " the history table, which blocks further runs until you check the database and run"
                    + " msr.mode=repair.");
            return direction == Direction.UP
                    ? new MigrationFailedException(text, migration.version(), file, line, state, null)
                    : new DownFailedException(text, migration.version(), file, line, state, null);
        }
        if (dialect.isConnectionError(error)) {
            return new ConnectionException("Lost the database connection while running migration " + where + ": "
                    + message + (state == null ? "" : " (SQLState " + state + ")") + "."
                    + consequence + " Run migrate again once the database is back.",
                    migration.version(), file, line, state, null);
        }
        String text = (direction == Direction.UP ? "Migration " : "Down migration ") + where + " failed"
                + (phase == null ? "" : " " + phase) + ": " + message
                + (state == null ? "" : " (SQLState " + state + ")") + "." + consequence;
        return direction == Direction.UP
                ? new MigrationFailedException(text, migration.version(), file, line, state, null)
                : new DownFailedException(text, migration.version(), file, line, state, null);
    }

    private static String consequence(boolean transactional, Direction direction) {
        if (transactional) {
            return " Its transaction was rolled back, so none of its changes remain.";
        }
        return " It ran outside a transaction, so statements before the failing one stay applied; it is recorded as"
                + " failed and blocks further runs until you fix the database and run msr.mode=repair.";
    }

    /** Keeps the server's message and its Detail, Hint and Where lines; drops the position (shown as a line). */
    private static String serverMessage(SQLException error) {
        String text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        StringBuilder kept = new StringBuilder();
        String[] lines = text.split("\n");
        kept.append(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("Detail:") || line.startsWith("Hint:") || line.startsWith("Where:")) {
                kept.append("; ").append(line);
            }
        }
        return kept.toString();
    }
}
