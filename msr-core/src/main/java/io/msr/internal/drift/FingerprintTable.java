package io.msr.internal.drift;

import io.msr.Version;
import io.msr.internal.dialect.Dialect;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MSR's table of fingerprints, {@code <history table>_fingerprint} in the history schema: one row per schema version
 * (its text, the primary key), with when and by whom it was recorded, the schemas, the object count, the digest and
 * the fingerprint itself as a JSON array of {@code {"object", "definition"}} sorted by object. Rows of older versions
 * are kept, so that going back to a version finds its fingerprint. Created when first written.
 */
public final class FingerprintTable {

    private static final String SUFFIX = "_fingerprint";
    private static final int MAX_NAME = 63;

    private final String name;
    private final String qualifiedName;

    /**
     * A recorded fingerprint.
     *
     * @param version     the schema version it belongs to, as text
     * @param capturedAt  when it was recorded
     * @param capturedBy  the database user that recorded it
     * @param schemas     the managed schemas it covers
     * @param fingerprint what was recorded
     */
    public record Recorded(String version, Instant capturedAt, String capturedBy, List<String> schemas,
            Fingerprint fingerprint) {

        /** Returns whether it covers what the scope covers: the same schemas, privileges or not. */
        public boolean fits(DriftScope scope) {
            boolean privileges = fingerprint.objects().keySet().stream().anyMatch(key -> key.startsWith("privileges "));
            return schemas.equals(scope.schemas()) && privileges == scope.privileges();
        }
    }

    /**
     * Names the table after the history table; a name past PostgreSQL's 63 bytes is shortened, so that PostgreSQL never
     * truncates it into another table's name.
     */
    public FingerprintTable(Dialect dialect, String schema, String historyTable) {
        String base = historyTable.length() + SUFFIX.length() > MAX_NAME
                ? historyTable.substring(0, MAX_NAME - SUFFIX.length()) : historyTable;
        this.name = base + SUFFIX;
        this.qualifiedName = dialect.qualify(schema, name);
    }

    /** Returns the table's name, without its schema. */
    public String name() {
        return name;
    }

    /** Returns the table's schema-qualified name, quoted where needed, as messages show it. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /** Returns the fingerprint recorded for the version, or null when there is none (or no table yet). */
    public @Nullable Recorded read(Connection connection, Version version) throws SQLException {
        if (!exists(connection)) {
            return null;
        }
        try (PreparedStatement query = connection.prepareStatement("select f.captured_at, f.captured_by, f.schemas,"
                + " e.value ->> 'object', e.value ->> 'definition' from " + qualifiedName + " f left join lateral"
                + " pg_catalog.jsonb_array_elements(f.fingerprint) as e(value) on true where f.version = ?")) {
            query.setString(1, version.toString());
            try (ResultSet rows = query.executeQuery()) {
                Instant capturedAt = null;
                String capturedBy = null;
                List<String> schemas = List.of();
                Map<String, String> objects = new TreeMap<>();
                while (rows.next()) {
                    capturedAt = rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
                    capturedBy = rows.getString(2);
                    schemas = List.of((String[]) rows.getArray(3).getArray());
                    if (rows.getString(4) != null) {
                        objects.put(rows.getString(4), rows.getString(5));
                    }
                }
                return capturedAt == null ? null : new Recorded(version.toString(), capturedAt, capturedBy, schemas,
                        new Fingerprint(new TreeMap<>(objects)));
            }
        }
    }

    /**
     * Records the fingerprint as the one of the version, replacing the version's earlier one, creating the table
     * first when it does not exist; in the caller's transaction. Returns when and by whom it was recorded.
     */
    public Recorded write(Connection connection, Version version, List<String> schemas, Fingerprint fingerprint)
            throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute("create table if not exists " + qualifiedName + " ("
                    + " version varchar(50) primary key,"
                    + " captured_at timestamptz not null default pg_catalog.clock_timestamp(),"
                    + " captured_by varchar(100) not null default current_user,"
                    + " schemas text[] not null,"
                    + " object_count integer not null,"
                    + " digest varchar(64) not null,"
                    + " fingerprint jsonb not null)");
        }
        List<String> keys = new ArrayList<>(fingerprint.objects().keySet());
        List<String> definitions = new ArrayList<>(fingerprint.objects().values());
        try (PreparedStatement upsert = connection.prepareStatement("insert into " + qualifiedName
                + " (version, captured_at, captured_by, schemas, object_count, digest, fingerprint)"
                + " select ?, pg_catalog.clock_timestamp(), current_user, ?::text[], ?, ?,"
                + " coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('object', x.o, 'definition', x.d)"
                + " order by x.o collate \"C\"), '[]'::jsonb)"
                + " from unnest(?::text[], ?::text[]) as x(o, d)"
                + " on conflict (version) do update set captured_at = excluded.captured_at,"
                + " captured_by = excluded.captured_by, schemas = excluded.schemas,"
                + " object_count = excluded.object_count, digest = excluded.digest, fingerprint = excluded.fingerprint"
                + " returning captured_at, captured_by")) {
            upsert.setString(1, version.toString());
            upsert.setArray(2, connection.createArrayOf("text", schemas.toArray()));
            upsert.setInt(3, keys.size());
            upsert.setString(4, fingerprint.digest());
            upsert.setArray(5, connection.createArrayOf("text", keys.toArray()));
            upsert.setArray(6, connection.createArrayOf("text", definitions.toArray()));
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return new Recorded(version.toString(), row.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                        row.getString(2), List.copyOf(schemas), fingerprint);
            }
        }
    }

    /** Returns whether a fingerprint is recorded for the version. */
    public boolean has(Connection connection, Version version) throws SQLException {
        if (!exists(connection)) {
            return false;
        }
        try (PreparedStatement query = connection.prepareStatement("select 1 from " + qualifiedName
                + " where version = ?")) {
            query.setString(1, version.toString());
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select pg_catalog.to_regclass(?) is not null")) {
            query.setString(1, qualifiedName);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
