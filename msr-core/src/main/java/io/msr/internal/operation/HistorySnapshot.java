package io.msr.internal.operation;

import io.msr.AdoptFrom;
import io.msr.HistoryEntry;
import io.msr.Issue;
import io.msr.MsrSettings;
import io.msr.internal.adopt.Adoption;
import io.msr.internal.adopt.AdoptableHistory;
import io.msr.internal.adopt.FlywayAdoption;
import io.msr.internal.adopt.FlywayHistory;
import io.msr.internal.adopt.ForeignHistory;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.execute.Placeholders;
import io.msr.internal.history.HistoryState;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.plan.EmptyLocations;
import io.msr.internal.source.MigrationResolver;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the history table held when the operation read it ({@link RunSession#readHistory}), and what operations
 * derive from it before planning.
 *
 * @param exists whether the table exists
 * @param rows   every row, oldest first; empty when the table does not exist
 * @param state   the rows replayed
 * @param foreign another tool's history to adopt ({@code msr.adopt-from}), read only while MSR's table does not
 *                exist; null when there is none
 */
record HistorySnapshot(boolean exists, List<HistoryEntry> rows, HistoryState state,
        @Nullable AdoptableHistory foreign) {

    /** The adoption the first migrate will make, or null when there is nothing to adopt. */
    @Nullable Adoption adoption(List<ResolvedMigration> resolved) {
        return foreign == null ? null : foreign.adoption(resolved);
    }

    /** The history to plan against: as adopting will leave it, before the first migrate adopts. */
    HistoryState plannedState(List<ResolvedMigration> resolved) {
        return foreign == null ? state : adoption(resolved).preview();
    }

    /**
     * The resolution's issues plus those that need the history: a location that exists but is empty while the
     * history records migrations no location provides ({@link EmptyLocations}), and the errors that forbid
     * adopting.
     */
    List<Issue> issues(MigrationResolver.Resolution resolution) {
        List<Issue> issues = new ArrayList<>(resolution.issues());
        issues.addAll(EmptyLocations.issues(resolution.emptyLocations(), resolution.migrations(), state));
        if (foreign != null) {
            issues.addAll(adoption(resolution.migrations()).issues());
        }
        return issues;
    }

    /**
     * Reads the whole history of the session's table; works before the table exists. Until it exists, reads the
     * history of the tool {@code msr.adopt-from} names too, read-only. A table the engine saw before is read in one
     * statement, without asking the catalog first (the session is in autocommit, so a table dropped since costs one
     * failed statement).
     */
    static HistorySnapshot read(RunSession session, DatabaseFacts facts, MsrSettings settings) {
        Connection connection = session.connection;
        SchemaHistory history = session.history;
        AdoptFrom adoptFrom = settings.adopt().from();
        boolean exists;
        List<HistoryEntry> rows;
        try {
            rows = facts.historyExisted(history.qualifiedName()) ? readIfStillThere(connection, history) : null;
            if (rows == null) {
                exists = history.exists(connection);
                rows = exists ? history.readExisting(connection) : List.of();
            } else {
                exists = true;
            }
        } catch (SQLException e) {
            throw SqlErrors.outsideMigration("Could not read the history table " + history.qualifiedName(), e);
        }
        facts.historyExists(history.qualifiedName(), exists);
        AdoptableHistory foreign = null;
        if (!exists && adoptFrom != AdoptFrom.NONE) {
            try {
                foreign = readForeign(session, settings);
            } catch (SQLException e) {
                throw SqlErrors.outsideMigration("Could not read " + adoptFrom.propertyValue() + "'s history table "
                        + session.dialect.qualify(session.schema, settings.adopt().tableOrDefault())
                        + " (msr.adopt-table)", e);
            }
        }
        return new HistorySnapshot(exists, rows, HistoryState.replay(rows), foreign);
    }

    /** Reads the rows of a table seen before; returns null when it is gone. */
    private static @Nullable List<HistoryEntry> readIfStillThere(Connection connection, SchemaHistory history)
            throws SQLException {
        try {
            return history.readExisting(connection);
        } catch (SQLException e) {
            if (SchemaHistory.isMissing(e)) {
                return null;
            }
            throw e;
        }
    }

    private static @Nullable AdoptableHistory readForeign(RunSession session, MsrSettings settings)
            throws SQLException {
        Connection connection = session.connection;
        Dialect dialect = session.dialect;
        String schema = session.schema;
        String adoptTable = settings.adopt().tableOrDefault();
        return switch (settings.adopt().from()) {
            case GOLANG_MIGRATE -> ForeignHistory.readGolangMigrate(connection, dialect, schema, adoptTable);
            case FLYWAY -> {
                FlywayHistory flyway = FlywayHistory.read(connection, dialect, schema, adoptTable);
                if (flyway == null) {
                    yield null;
                }
                UnaryOperator<String> placeholders = Placeholders.asFlyway(settings, schema, adoptTable,
                        connection.getMetaData().getUserName());
                yield resolved -> FlywayAdoption.of(flyway, resolved, placeholders);
            }
            default -> null;
        };
    }
}
