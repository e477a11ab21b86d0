package io.msr.internal.dialect;

import io.msr.SessionTimeout;
import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.internal.jdbc.SqlErrors;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.MigrationLock;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * PostgreSQL (10 and later). What MSR sets on a session and how it puts it back is {@link PostgresSessionSettings};
 * the migration lock is {@link PostgresAdvisoryLock}.
 */
public final class PostgresDialect implements Dialect {

    /** The first half of every MSR advisory lock key: "MSR" in ASCII. */
    static final int LOCK_NAMESPACE = 0x4D5352;
    private static final Pattern POSITION = Pattern.compile("\\n\\s*Position: (\\d+)");

    private final String version;

    /** Creates the dialect for a server version, as reported by the driver. */
    public PostgresDialect(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "PostgreSQL " + version;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        String schema = single(connection, "select current_schema()");
        if (schema == null) {
            throw new SQLException("The connection has no current schema (search_path names no existing schema);"
                    + " set msr.schema or fix the search_path", "3F000");
        }
        return schema;
    }

    @Override
    public String currentDatabase(Connection connection) throws SQLException {
        return single(connection, "select current_database()");
    }

    @Override
    public String qualify(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select 1 from pg_catalog.pg_tables where schemaname = ? and tablename = ?")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    @Override
    public List<String> userTables(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        // r ordinary, p partitioned, f foreign table, v view, m materialized view; deptype 'e': an extension's member.
        try (PreparedStatement query = connection.prepareStatement("select c.relname from pg_catalog.pg_class c"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relkind in ('r', 'p', 'f', 'v', 'm') and not c.relispartition"
                + " and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_class'::regclass"
                + " and d.objid = c.oid and d.deptype = 'e')"
                + " order by c.relname")) {
            query.setString(1, schema);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
        }
        return tables;
    }

    @Override
    public List<String> createHistoryTable(String qualifiedTable, String table, boolean textVersions) {
        return List.of("create table if not exists " + qualifiedTable + " ("
                        + " id bigint generated always as identity primary key,"
                        + " version " + (textVersions ? "varchar(50)" : "bigint") + ","
                        + " description varchar(200) not null,"
                        + " type varchar(10) not null,"
                        + " script varchar(1000) not null,"
                        + " checksum varchar(64),"
                        + " operation varchar(10) not null,"
                        + " success boolean not null,"
                        + " installed_by varchar(100) not null default current_user,"
                        + " installed_on timestamptz not null default clock_timestamp(),"
                        + " execution_time_ms bigint not null)",
                "create index if not exists " + quote(table + "_version_idx") + " on " + qualifiedTable + " (version)");
    }

    @Override
    public String createSchemaIfAbsent(String schema) {
        // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists: ask the catalog first.
        return "do $msr$ begin if not exists (select 1 from pg_catalog.pg_namespace where nspname = "
                + quoteLiteral(schema) + ") then create schema " + quote(schema) + "; end if; end $msr$";
    }

    @Override
    public void putSchemaFirst(Connection connection, String schema) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select set_config('search_path', case when"
                + " current_setting('search_path') = '' then quote_ident(?) else quote_ident(?) || ', '"
                + " || current_setting('search_path') end, false)")) {
            set.setString(1, schema);
            set.setString(2, schema);
            set.executeQuery().close();
        }
    }

    @Override
    public List<String> upgradeHistoryTable(Connection connection, String schema, String table,
            String qualifiedTable, boolean textVersions) throws SQLException {
        boolean text;
        boolean nullable;
        try (PreparedStatement query = connection.prepareStatement("select data_type, is_nullable from"
                + " information_schema.columns where table_schema = ? and table_name = ? and column_name = 'version'")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    return List.of();
                }
                text = "character varying".equals(result.getString(1));
                nullable = "YES".equals(result.getString(2));
            }
        }
        List<String> changes = new ArrayList<>();
        if (!nullable) {
            changes.add("alter column version drop not null");
        }
        if (textVersions && !text) {
            changes.add("alter column version type varchar(50) using version::text");
        }
        return changes.isEmpty() ? List.of()
                : List.of("alter table " + qualifiedTable + " " + String.join(", ", changes));
    }

    @Override
    public LockKey lockKey(String database, String schema, String table) {
        String target = database + "." + schema + "." + table;
        CRC32 crc = new CRC32();
        crc.update(target.getBytes(StandardCharsets.UTF_8));
        return new LockKey(LOCK_NAMESPACE, (int) (crc.getValue() & 0x7FFF_FFFFL), target);
    }

    @Override
    public MigrationLock lock(ConnectionFactory connections, LockKey key, DeadClientDetection detection) {
        return new PostgresAdvisoryLock(connections, key, detection);
    }

    @Override
    public @Nullable Integer errorPosition(SQLException error) {
        if (error.getMessage() == null) {
            return null;
        }
        Matcher matcher = POSITION.matcher(error.getMessage());
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }

    @Override
    public boolean isConnectionError(SQLException error) {
        return SqlErrors.isConnectionError(error);
    }

    @Override
    public void setApplicationName(Connection connection, String name) throws SQLException {
        PostgresSessionSettings.setApplicationName(connection, name);
    }

    @Override
    public SessionState saveSession(Connection connection) throws SQLException {
        return PostgresSessionSettings.save(connection);
    }

    @Override
    public void detectDeadClient(Connection connection, DeadClientDetection detection) throws SQLException {
        PostgresSessionSettings.detectDeadClient(connection, detection);
    }

    @Override
    public boolean applyTimeouts(Connection connection, @Nullable Duration lockTimeout,
            @Nullable Duration statementTimeout, boolean local, @Nullable String heldCondition) throws SQLException {
        return PostgresSessionSettings.applyTimeouts(connection, lockTimeout, statementTimeout, local, heldCondition);
    }

    @Override
    public void resetTimeouts(Connection connection) throws SQLException {
        PostgresSessionSettings.resetTimeouts(connection);
    }

    @Override
    public List<SessionTimeout> sessionTimeouts(Connection connection) throws SQLException {
        return PostgresSessionSettings.sessionTimeouts(connection);
    }

    @Override
    public void cancel(Connection connection) {
        try {
            // PGConnection.cancelQuery sends a cancel request on a socket of its own; reached by reflection, as the
            // core compiles against java.sql alone.
            Class<?> pg = Class.forName("org.postgresql.PGConnection", false, connection.getClass().getClassLoader());
            if (connection.isWrapperFor(pg)) {
                Object unwrapped = connection.unwrap(pg);
                pg.getMethod("cancelQuery").invoke(unwrapped);
            }
        } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(PostgresDialect.class).debug("Cancelling the running statement failed",
                    e);
        }
    }

    @Override
    public boolean isTransient(String sqlState) {
        return "55P03".equals(sqlState) || "40001".equals(sqlState) || "40P01".equals(sqlState);
    }

    @Override
    public Set<String> invalidIndexes(Connection connection) throws SQLException {
        Set<String> invalid = new TreeSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select format('%I.%I', n.nspname, c.relname) from pg_index i"
                     + " join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace"
                     + " where not i.indisvalid")) {
            while (result.next()) {
                invalid.add(result.getString(1));
            }
        }
        return invalid;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    // With standard_conforming_strings on (the default since 9.1) a backslash is an ordinary character.
    private static String quoteLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static @Nullable String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
