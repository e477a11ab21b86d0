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
import java.util.Objects;
import java.util.Set;

/**
 * Flyway's history table ({@code flyway_schema_history} by default), read once and never written.
 *
 * @param table the table, quoted and qualified, for messages
 * @param rows  every row, in Flyway's order ({@code installed_rank})
 */
public record FlywayHistory(String table, List<Row> rows) {

    /** Flyway's default name for its history table. */
    public static final String DEFAULT_TABLE = "flyway_schema_history";

    private static final Set<String> BASELINE_TYPES =
            Set.of("BASELINE", "SQL_BASELINE", "JDBC_BASELINE", "SQL_STATE_SCRIPT", "JDBC_STATE_SCRIPT");

    /** Copies the rows, so the history cannot change after it was read. */
    public FlywayHistory {
        rows = List.copyOf(rows);
    }

    /**
     * Reads every row of Flyway's history table {@code schema.table} (names as the catalog stores them), oldest
     * first. Returns null when the table does not exist. Reads only; throws the driver's {@link SQLException}.
     */
    public static @Nullable FlywayHistory read(Connection connection, Dialect dialect, String schema, String table)
            throws SQLException {
        if (!dialect.tableExists(connection, schema, table)) {
            return null;
        }
        String qualified = dialect.qualify(schema, table);
        List<Row> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select installed_rank, version, description, type, script,"
                     + " checksum, installed_by, installed_on, execution_time, success from " + qualified
                     + " order by installed_rank")) {
            while (result.next()) {
                int checksum = result.getInt(6);
                Integer nullableChecksum = result.wasNull() ? null : checksum;
                Timestamp installedOn = result.getTimestamp(8);
                rows.add(new Row(result.getInt(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5), nullableChecksum, result.getString(7),
                        installedOn == null ? null : installedOn.toInstant(), result.getLong(9),
                        result.getBoolean(10)));
            }
        }
        return new FlywayHistory(qualified, rows);
    }

    /**
     * Returns the rows of migrations that failed, oldest first: Flyway refuses to migrate while one is there, until
     * its {@code repair} removes it. A {@linkplain Row#isDeleted() DELETE} row is never one of them, whatever its
     * success flag.
     */
    public List<Row> failedRows() {
        return rows.stream().filter(row -> !row.success() && !row.isDeleted()).toList();
    }

    /**
     * Returns what Flyway considers applied now, oldest first: the successful rows of versioned migrations and
     * baselines, less those a later successful undo took back (until the version is applied again) and those a later
     * successful DELETE row marks deleted; and of each repeatable migration, by description, only its latest
     * successful row, none once a DELETE row marks it deleted. Failed rows, undo rows, DELETE rows and the schema
     * creation marker are never part of it.
     */
    public List<Row> effective() {
        List<Row> applied = new ArrayList<>();
        List<Row> seen = new ArrayList<>();
        for (Row row : rows) {
            if (row.success()) {
                if (row.isDeleted() && row.version() == null) {
                    // The DELETE row is then the repeatable's latest run, so none of its earlier runs counts.
                    applied.removeIf(earlier -> sameRepeatable(earlier, row));
                } else if (row.isDeleted()) {
                    applied.remove(deletedBy(row, seen));
                } else if (row.isUndo()) {
                    applied.removeIf(earlier -> row.version().equals(earlier.version()));
                } else if (row.isVersioned()) {
                    applied.add(row);
                } else if (row.isRepeatable()) {
                    applied.removeIf(earlier -> sameRepeatable(earlier, row));
                    applied.add(row);
                }
            }
            seen.add(row);
        }
        return List.copyOf(applied);
    }

    private static boolean sameRepeatable(Row earlier, Row row) {
        return earlier.version() == null && Objects.equals(earlier.description(), row.description());
    }

    // A DELETE row of a version stands for the latest earlier row of that version, failed or not; the BASELINE
    // marker and the other markers are never its target, as in Flyway. Null when there is none.
    private static @Nullable Row deletedBy(Row delete, List<Row> seen) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            Row earlier = seen.get(i);
            boolean marker = earlier.isDeleted() || earlier.isSchemaMarker() || "BASELINE".equals(earlier.type());
            if (!marker && delete.version().equals(earlier.version())) {
                return earlier;
            }
        }
        return null;
    }

    /**
     * One row of Flyway's history table, as Flyway wrote it.
     *
     * @param installedRank   Flyway's order of the rows; 0 only for the schema creation marker
     * @param version         the version as Flyway prints it ("1.1", "2.0.1"); null for repeatable migrations, the
     *                        schema creation marker and DELETE rows of repeatables
     * @param description     the description, from the file name or the marker's text
     * @param type            the type as Flyway wrote it: SQL, JDBC, SCRIPT, CUSTOM, BASELINE, SQL_BASELINE,
     *                        JDBC_BASELINE, UNDO_SQL, UNDO_JDBC, UNDO_SCRIPT, SCHEMA, DELETE...
     * @param script          the script's path relative to its location, a Java class name, or the marker's text
     * @param checksum        the checksum (see {@link FlywayChecksum}); null for markers and for Java migrations that
     *                        declare none
     * @param installedBy     the database user that applied it
     * @param installedOn     when it was applied (a timestamp without zone, read in this JVM's zone)
     * @param executionTimeMs how long it ran, in milliseconds
     * @param success         whether it succeeded; for a DELETE row, the success of the row it deletes
     */
    public record Row(int installedRank, @Nullable String version, String description, String type, String script,
                      @Nullable Integer checksum, String installedBy, @Nullable Instant installedOn,
                      long executionTimeMs, boolean success) {

        /** Returns true for a run of a repeatable migration: no version, and not a SCHEMA or DELETE marker. */
        public boolean isRepeatable() {
            return version == null && !isSchemaMarker() && !isDeleted();
        }

        /**
         * Returns true for a row that applied a version: a versioned migration or a baseline; not an undo, and not a
         * DELETE row.
         */
        public boolean isVersioned() {
            return version != null && !isUndo() && !isDeleted();
        }

        /**
         * Returns true for a baseline: the BASELINE marker that {@code baseline} (or {@code baselineOnMigrate})
         * writes, or a baseline migration (SQL_BASELINE, JDBC_BASELINE, and their former names).
         */
        public boolean isBaseline() {
            return BASELINE_TYPES.contains(type);
        }

        /** Returns true for an undo migration's row (UNDO_SQL, UNDO_JDBC, UNDO_SCRIPT...): it takes a version back. */
        public boolean isUndo() {
            return type != null && type.startsWith("UNDO_");
        }

        /** Returns true for the marker Flyway writes at rank 0 when it created the schemas named in {@code script}. */
        public boolean isSchemaMarker() {
            return "SCHEMA".equals(type);
        }

        /**
         * Returns true for a DELETE row: written by Flyway's {@code repair} (Flyway 9 and later) to mark the latest
         * earlier row of the same version (or, for a repeatable, description) as deleted, instead of removing it.
         */
        public boolean isDeleted() {
            return "DELETE".equals(type);
        }
    }
}
