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
import io.msr.internal.history.SchemaHistory;
import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.source.SqlScript;
import io.msr.internal.source.PlaceholderCheck;
import io.msr.internal.sql.PlaceholderBoundaries;
import io.msr.internal.sql.PlaceholderReplacer;
import io.msr.internal.sql.SqlStatement;

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
 * ({@link #failure(ResolvedMigration, Direction, boolean, String, SQLException)}).
 */
final class MigrationExecutor {

    private final Dialect dialect;
    private final Placeholders placeholders;
    private final Redaction redaction;

    MigrationExecutor(Dialect dialect, MsrSettings settings, SchemaHistory history) {
        this.dialect = dialect;
        this.placeholders = new Placeholders(settings, history);
        this.redaction = Redaction.of(settings);
    }

    void run(Connection connection, ResolvedMigration migration, Direction direction, boolean transactional) {
        if (migration.java() != null) {
            runJava(connection, migration, direction, transactional);
            return;
        }
        SqlScript script = direction == Direction.UP ? migration.up() : migration.down();
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            Placeholders.Values values = placeholders.values(connection, script);
            List<PlaceholderReplacer.Replaced> replaced = values.values() == null ? null
                    : replaceAll(migration, script, values);
            List<SqlStatement> statements = script.statements();
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement sql = statements.get(i);
                PlaceholderReplacer.Replaced sent = replaced == null ? PlaceholderReplacer.unchanged(sql.sql())
                        : replaced.get(i);
                try {
                    statement.execute(sent.text());
                } catch (SQLException e) {
                    throw failure(migration, script, sql, sent, direction, transactional, null, e);
                }
            }
        } catch (SQLException e) {
            throw failure(migration, script, null, null, direction, transactional, null, e);
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
            PlaceholderReplacer.Replaced sent = values.replace(sql.sql());
            PlaceholderBoundaries.check(sql.sql(), sent).ifPresent(breach -> {
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
        MigrationContext context = new MigrationContext() {
            @Override
            public Connection connection() {
                return connection;
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
            throw failure(migration, null, null, null, direction, transactional, null, e);
        } catch (MsrException e) {
            throw e;
        } catch (Exception e) {
            String what = "Java migration V" + migration.version() + " (" + migration.script() + ") failed"
                    + (direction == Direction.DOWN ? " in down()" : "") + ": " + e;
            throw direction == Direction.UP
                    ? new MigrationFailedException(redaction.mask(what) + consequence(transactional, direction),
                    migration.version(), migration.script(), null, null, e)
                    : new DownFailedException(redaction.mask(what) + consequence(transactional, direction),
                    migration.version(), migration.script(), null, null, e);
        }
    }

    /**
     * Translates an error the database raised for a migration outside its statements: {@code phase} says when,
     * e.g. "at COMMIT" (a deferred constraint, a serialization failure) or "while setting its timeouts".
     */
    MsrException failure(ResolvedMigration migration, Direction direction, boolean transactional, String phase,
            SQLException error) {
        SqlScript script = migration.java() != null ? null : direction == Direction.UP ? migration.up() : migration.down();
        return failure(migration, script, null, null, direction, transactional, phase, error);
    }

    private MsrException failure(ResolvedMigration migration, SqlScript script, SqlStatement statement,
            PlaceholderReplacer.Replaced sent, Direction direction, boolean transactional, String phase,
            SQLException error) {
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
        if (dialect.isConnectionError(error)) {
            return new ConnectionException("Lost the database connection while running migration " + where + ": "
                    + message + (state == null ? "" : " (SQLState " + state + ")") + "."
                    + consequence(transactional, direction) + " Run migrate again once the database is back.",
                    migration.version(), file, line, state, null);
        }
        String text = (direction == Direction.UP ? "Migration " : "Down migration ") + where + " failed"
                + (phase == null ? "" : " " + phase) + ": " + message
                + (state == null ? "" : " (SQLState " + state + ")") + "." + consequence(transactional, direction);
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
