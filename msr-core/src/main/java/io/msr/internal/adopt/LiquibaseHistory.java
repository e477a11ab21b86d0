package io.msr.internal.adopt;

import io.msr.internal.dialect.Dialect;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Liquibase's changelog table ({@code databasechangelog} by default) and its lock table
 * ({@code databasechangeloglock}), read once and never written.
 *
 * @param table       the changelog table, quoted and qualified, for messages
 * @param rows        every changeset row, in the order Liquibase ran them
 * @param locked      whether Liquibase's lock is taken (false when the lock table does not exist)
 * @param lockedBy    who holds the lock, as Liquibase wrote it (host name and address); null when not locked
 * @param lockGranted when the lock was taken; null when not locked
 */
record LiquibaseHistory(String table, List<Row> rows, boolean locked, @Nullable String lockedBy,
        @Nullable Instant lockGranted) {

    /** Liquibase's default name for its changelog table. */
    public static final String DEFAULT_TABLE = "databasechangelog";
    /** Liquibase's default name for its lock table. */
    public static final String DEFAULT_LOCK_TABLE = "databasechangeloglock";

    private static final Set<String> RAN = Set.of("EXECUTED", "RERAN", "MARK_RAN");

    /** Copies the rows, so the history cannot change after it was read. */
    public LiquibaseHistory {
        rows = List.copyOf(rows);
    }

    /**
     * Reads Liquibase's changelog table {@code schema.changelogTable} and its lock table {@code schema.lockTable}
     * (names as the catalog stores them: Liquibase creates both lower case on PostgreSQL). Returns null when the
     * changelog table does not exist; a missing lock table reads as not locked. Reads only; throws the driver's
     * {@link SQLException}.
     */
    public static @Nullable LiquibaseHistory read(Connection connection, Dialect dialect, String schema,
            String changelogTable, String lockTable) throws SQLException {
        if (!dialect.tableExists(connection, schema, changelogTable)) {
            return null;
        }
        String qualified = dialect.qualify(schema, changelogTable);
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select id, author, filename, dateexecuted, orderexecuted,"
                     + " exectype, md5sum, description, tag from " + qualified
                     + " order by orderexecuted, dateexecuted")) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getString(2), result.getString(3),
                        instant(result.getTimestamp(4)), result.getInt(5), result.getString(6), result.getString(7),
                        result.getString(8), result.getString(9)));
            }
        }
        if (!dialect.tableExists(connection, schema, lockTable)) {
            return new LiquibaseHistory(qualified, rows, false, null, null);
        }
        // Liquibase keeps its one lock in the row with id 1.
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select locked, lockedby, lockgranted from "
                     + dialect.qualify(schema, lockTable) + " where id = 1")) {
            if (result.next() && result.getBoolean(1)) {
                return new LiquibaseHistory(qualified, rows, true, result.getString(2),
                        instant(result.getTimestamp(3)));
            }
        }
        return new LiquibaseHistory(qualified, rows, false, null, null);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Returns the changeset that ran last ({@link Row#ran()}), or null when none did. */
    public @Nullable Row last() {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).ran()) {
                return rows.get(i);
            }
        }
        return null;
    }

    /** Returns the rows of changesets that did not run (FAILED, SKIPPED, or a type MSR does not know), in order. */
    public List<Row> notExecuted() {
        return rows.stream().filter(row -> !row.ran()).toList();
    }

    /**
     * One row of Liquibase's changelog table: a changeset, known by filename, id and author together.
     *
     * @param id            the changeset's id
     * @param author        the changeset's author
     * @param filename      the changelog file's path as Liquibase recorded it
     * @param dateExecuted  when it ran (a timestamp without zone, read in this JVM's zone)
     * @param orderExecuted Liquibase's running count of the changesets it ran
     * @param execType      EXECUTED, FAILED, SKIPPED, RERAN or MARK_RAN
     * @param md5sum        Liquibase's checksum, with its version prefix ("9:..."); null when cleared
     * @param description   Liquibase's summary of the changes
     * @param tag           the tag set on this row, or null
     */
    public record Row(String id, String author, String filename, @Nullable Instant dateExecuted, int orderExecuted,
                      String execType, @Nullable String md5sum, @Nullable String description, @Nullable String tag) {

        /** Returns true when Liquibase counts the changeset as run: EXECUTED, RERAN or MARK_RAN. */
        public boolean ran() {
            return RAN.contains(execType);
        }

        /** Returns the changeset's name as Liquibase prints it: {@code filename::id::author}. */
        public String displayName() {
            return filename + "::" + id + "::" + author;
        }
    }
}
