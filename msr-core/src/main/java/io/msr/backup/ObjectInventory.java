package io.msr.backup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The database objects a restore must account for, read from PostgreSQL's catalog: schemas, tables, views,
 * materialized views, sequences, foreign tables, functions, procedures, aggregates, types, domains and
 * extensions, each as {@code KIND<tab>qualified identity}.
 *
 * <p>{@code pg_restore --clean} drops and recreates only what the backup holds; an object a failed run created
 * would survive it (and a schema holding one could not even be dropped). Comparing the inventory taken with the
 * backup against the one at restore time finds those objects so they can be dropped first. Indexes, constraints,
 * triggers, policies and columns need no entry: they go with their table, which the restore recreates.
 */
final class ObjectInventory {

    private static final String SCOPE = "(cardinality(?::text[]) = 0 and n.nspname not like 'pg\\_%'"
            + " and n.nspname <> 'information_schema' or n.nspname = any(?::text[]))";

    private static final String NOT_EXTENSION_MEMBER = " and not exists (select 1 from pg_depend d where"
            + " d.classid = %s::regclass and d.objid = %s and d.deptype = 'e')";

    private static final String QUERY = "select 'SCHEMA', format('%I', n.nspname) from pg_namespace n where " + SCOPE
            + String.format(NOT_EXTENSION_MEMBER, "'pg_namespace'", "n.oid")
            + " union all select case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW'"
            + " when 'S' then 'SEQUENCE' when 'f' then 'FOREIGN TABLE' else 'TABLE' end,"
            + " format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and " + SCOPE
            + String.format(NOT_EXTENSION_MEMBER, "'pg_class'", "c.oid")
            + " and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid"
            + " and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i') and c.relkind = 'S')"
            + " union all select case p.prokind when 'p' then 'PROCEDURE' when 'a' then 'AGGREGATE' else 'FUNCTION'"
            + " end, format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))"
            + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace where " + SCOPE
            + String.format(NOT_EXTENSION_MEMBER, "'pg_proc'", "p.oid")
            + " union all select case t.typtype when 'd' then 'DOMAIN' else 'TYPE' end,"
            + " format('%I.%I', n.nspname, t.typname) from pg_type t join pg_namespace n on n.oid = t.typnamespace"
            + " where (t.typtype in ('e', 'd', 'r') or t.typtype = 'c' and exists (select 1 from pg_class r"
            + " where r.oid = t.typrelid and r.relkind = 'c')) and " + SCOPE
            + String.format(NOT_EXTENSION_MEMBER, "'pg_type'", "t.oid")
            + " union all select 'EXTENSION', format('%I', e.extname) from pg_extension e"
            + " join pg_namespace n on n.oid = e.extnamespace where " + SCOPE;

    private static final int PARAMETERS = (int) QUERY.chars().filter(c -> c == '?').count();

    /** The order objects are dropped in: containers first, so that most drops cascade from them. */
    private static final List<String> DROP_ORDER = List.of("EXTENSION", "SCHEMA", "MATERIALIZED VIEW", "VIEW",
            "FOREIGN TABLE", "TABLE", "SEQUENCE", "PROCEDURE", "AGGREGATE", "FUNCTION", "DOMAIN", "TYPE");

    private final List<String> schemas;

    /** @param schemas the schemas in scope; empty means every schema of the database but the system ones */
    ObjectInventory(List<String> schemas) {
        this.schemas = List.copyOf(schemas);
    }

    /** Returns the objects in scope now. */
    Set<String> snapshot(Connection connection) throws SQLException {
        Set<String> objects = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            Array scope = connection.createArrayOf("text", schemas.toArray());
            for (int i = 1; i <= PARAMETERS; i++) {
                statement.setArray(i, scope);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    objects.add(rows.getString(1) + "\t" + rows.getString(2));
                }
            }
        }
        return objects;
    }

    /**
     * Drops, in one transaction, every object in scope now that was not in {@code before}, and returns them
     * (as {@code KIND name}). Each drop cascades, so objects depending on one go too; the restore recreates any
     * of those that the backup holds.
     */
    List<String> dropAddedSince(Connection connection, Set<String> before) throws SQLException {
        List<String> added = new ArrayList<>(snapshot(connection));
        added.removeAll(before);
        if (added.isEmpty()) {
            return List.of();
        }
        added.sort(Comparator.comparingInt(ObjectInventory::dropRank));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String object : added) {
                String[] parts = object.split("\t", 2);
                statement.execute("drop " + parts[0].toLowerCase(java.util.Locale.ROOT) + " if exists " + parts[1]
                        + " cascade");
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return added.stream().map(object -> object.replace('\t', ' ')).toList();
    }

    private static int dropRank(String object) {
        return DROP_ORDER.indexOf(object.substring(0, object.indexOf('\t')));
    }
}
