package io.msr.internal.execute;

import io.msr.Version;
import io.msr.ConnectionException;
import io.msr.Direction;
import io.msr.DownFailedException;
import io.msr.Issue;
import io.msr.MigrationContext;
import io.msr.MigrationFailedException;
import io.msr.MsrException;
import io.msr.Redaction;
import io.msr.MsrSettings;
import io.msr.ValidationException;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.source.SqlScript;
import io.msr.internal.source.PlaceholderCheck;
import io.msr.internal.sql.PlaceholderBoundaries;
import io.msr.internal.sql.PlaceholderReplacer;
import io.msr.internal.sql.SqlStatement;
import io.msr.internal.sql.TransactionControl;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one migration's code, up or down, on a connection, inside whatever transaction the caller opened. SQL is
 * sent statement by statement, as written (no escape processing) but for its placeholders, which are replaced
 * here, once connected (see {@link Placeholders}); errors are traced to the line as written.
 * Failures become {@link MigrationFailedException} (up), {@link DownFailedException} (down) or
 * {@link ConnectionException} (the connection broke), naming version, file, line and SQLState; so do errors the
 * database raises later for the same migration, such as a deferred constraint checked at COMMIT
 * ({@link #failure(ResolvedMigration, Direction, boolean, String, SQLException)}); {@link MigrationFailures} words
 * them.
 */
final class MigrationExecutor {

    private final Placeholders placeholders;
    private final MigrationFailures failures;

    MigrationExecutor(Dialect dialect, MsrSettings settings, SchemaHistory history) {
        this.placeholders = new Placeholders(settings, history);
        this.failures = new MigrationFailures(dialect, Redaction.of(settings));
    }

    void run(Connection connection, ResolvedMigration migration, Direction direction, boolean transactional) {
        if (migration.java() != null) {
            runJava(connection, migration, direction, transactional);
            return;
        }
        SqlScript script = direction == Direction.UP ? migration.up() : migration.down();
        OwnBlock block = new OwnBlock();
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            Placeholders.Values values = placeholders.values(connection, script);
            List<PlaceholderReplacer.Replaced> replaced = values.values() == null ? null
                    : replaceAll(migration, script, values);
            List<SqlStatement> statements = script.statements();
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement sql = statements.get(i);
                // sql() copies a view's text out: once per statement, a 16 MiB statement is copied once.
                String text = replaced == null ? sql.sql() : null;
                TransactionControl.Effect effect = TransactionControl.of(text != null ? text
                        : replaced.get(i).text());
                if (effect != null && transactional) {
                    throw failures.endsOurTransaction(migration, script, sql, direction);
                }
                PlaceholderReplacer.Replaced sent = replaced == null ? PlaceholderReplacer.unchanged(text)
                        : replaced.get(i);
                try {
                    if (Thread.currentThread().isInterrupted()) {
                        // Stopped (Msr.stop()) between two statements: the next one is not sent.
                        throw new SQLException("canceling statement: the run was stopped before it started", "57014");
                    }
                    statement.execute(sent.text());
                } catch (SQLException e) {
                    String stayed = block.rollBack(statement, script, e);
                    throw failures.failure(migration, script, sql, sent, direction, transactional, null, e, stayed);
                }
                block.ran(effect, sql);
            }
            if (block.open != null) {
                SqlStatement open = block.open;
                MsrException failure = failures.leftOpen(migration, script, open, direction,
                        block.rollBack(statement, script, null));
                throw failure;
            }
        } catch (SQLException e) {
            throw failures.failure(migration, script, null, null, direction, transactional, null, e, null);
        }
    }

    /**
     * The transaction block a file that runs outside MSR's transaction opened itself with BEGIN: the statement that
     * opened it, null when none is open. When the file fails inside it, or ends with it open, it is rolled back
     * before the failure leaves, so that the failure can be recorded and the connection is clean.
     */
    private static final class OwnBlock {
        private @Nullable SqlStatement open;

        void ran(TransactionControl.Effect effect, SqlStatement statement) {
            if (effect == TransactionControl.Effect.ENDS) {
                open = null;
            } else if (effect != null) {
                open = statement;
            }
        }

        /**
         * Rolls the open block back, if any, and returns what that means for the file's statements (null when no
         * block was open). A failed block never commits, so the sentence holds even when the ROLLBACK itself fails;
         * that error is attached to {@code error}, when given.
         */
        @Nullable String rollBack(Statement statement, SqlScript script, @Nullable SQLException error) {
            if (open == null) {
                return null;
            }
            try {
                statement.execute("rollback");
            } catch (SQLException e) {
                if (error != null) {
                    error.addSuppressed(e);
                }
            }
            int line = script.lineOf(open.offset());
            return " It ran outside MSR's transaction: statements before line " + line + " stay applied, and the"
                    + " file's own transaction block opened there (" + TransactionControl.keyword(open.sql())
                    + ") was rolled back, so nothing from line " + line + " on remains. It is recorded as failed and"
                    + " blocks further runs until you fix the database and run msr.mode=repair.";
        }
    }

    /**
     * Replaces the placeholders of every statement before the first runs, refusing values that would change the
     * statements: the settings' values were checked before the run; this checks the built-ins, known only now.
     */
    private static List<PlaceholderReplacer.Replaced> replaceAll(ResolvedMigration migration, SqlScript script,
            Placeholders.Values values) {
        List<PlaceholderReplacer.Replaced> replaced = new ArrayList<>(script.statements().size());
        for (SqlStatement sql : script.statements()) {
            String text = sql.sql();
            PlaceholderReplacer.Replaced sent = values.replace(text);
            PlaceholderBoundaries.check(text, sent).ifPresent(breach -> {
                throw new ValidationException(List.of(Issue.error(PlaceholderCheck.BREACH,
                        PlaceholderCheck.breachMessage(script, sql, breach) + " Nothing of this file was run.",
                        migration.version(),
                        script.file().path())));
            });
            replaced.add(sent);
        }
        return replaced;
    }

    private void runJava(Connection connection, ResolvedMigration migration, Direction direction,
            boolean transactional) {
        Connection given = transactional ? OwnedTransaction.guard(connection, migration.label()) : connection;
        MigrationContext context = new MigrationContext() {
            @Override
            public Connection connection() {
                return given;
            }

            @Override
            public Version version() {
                return migration.version();
            }

            @Override
            public Direction direction() {
                return direction;
            }
        };
        try {
            if (direction == Direction.UP) {
                migration.java().up(context);
            } else {
                migration.java().down(context);
            }
        } catch (SQLException e) {
            throw failures.failure(migration, null, null, null, direction, transactional, null, e, null);
        } catch (MsrException e) {
            throw e;
        } catch (Exception e) {
            throw failures.javaFailure(migration, direction, transactional, e);
        }
    }

    /**
     * Translates an error the database raised for a migration outside its statements: {@code phase} says when,
     * e.g. "at COMMIT" (a deferred constraint, a serialization failure) or "while setting its timeouts".
     */
    MsrException failure(ResolvedMigration migration, Direction direction, boolean transactional, String phase,
            SQLException error) {
        return failures.failure(migration, direction, transactional, phase, error);
    }
}
