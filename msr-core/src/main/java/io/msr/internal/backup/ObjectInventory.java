package io.msr.internal.backup;

import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database objects a restore must account for, read from PostgreSQL's catalog: schemas, tables, views,
 * materialized views, sequences, foreign tables, functions, procedures, aggregates, types, domains and
 * extensions, each identified as {@code <catalog oid>:<object oid>}, the identity {@code pg_restore --list} prints
 * for every entry of an archive.
 *
 * <p>{@code pg_restore --clean} drops and recreates only what the backup holds: an object created since would
 * survive it (and a schema holding one could not even be dropped). Comparing the objects now with those in the
 * archive finds them, so they can be dropped first and the schemas in scope end up exactly as backed up. An object
 * dropped and recreated since the backup has a new oid, so it too is dropped and then restored from the archive.
 * Indexes, constraints, triggers, policies and columns need no entry: they go with their table, which the
 * restore recreates.
 */
final class ObjectInventory {

    /** The schemas in scope, bound once as the query's only parameter (an empty array: every user schema). */
    private static final String SCOPE = "(cardinality((select names from scope)) = 0 and n.nspname not like 'pg\\_%'"
            + " and n.nspname <> 'information_schema' or n.nspname = any((select names from scope)::text[]))";

    private static final String NOT_EXTENSION_MEMBER = " and not exists (select 1 from pg_depend d where"
            + " d.classid = %s and d.objid = %s and d.deptype = 'e')";

    // public is left out: pg_dump treats it as always present and holds no entry for it.
    private static final String QUERY = "with scope(names) as (select ?::text[])"
            + " select 'pg_namespace'::regclass::oid, n.oid, 'SCHEMA', format('%I', n.nspname), n.xmin::text"
            + " from pg_namespace n where n.nspname <> 'public' and " + SCOPE
            + String.format(NOT_EXTENSION_MEMBER, "'pg_namespace'::regclass", "n.oid")
            + " union all select 'pg_class'::regclass::oid, c.oid, case c.relkind when 'v' then 'VIEW'"
            + " when 'm' then 'MATERIALIZED VIEW' when 'S' then 'SEQUENCE' when 'f' then 'FOREIGN TABLE' else 'TABLE'"
            + " end, format('%I.%I', n.nspname, c.relname), c.xmin::text from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and " + SCOPE
            + String.format(NOT_EXTENSION_MEMBER, "'pg_class'::regclass", "c.oid")
            + " and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid"
            + " and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i') and c.relkind = 'S')"
            + " union all select 'pg_proc'::regclass::oid, p.oid, case p.prokind when 'p' then 'PROCEDURE'"
            + " when 'a' then 'AGGREGATE' else 'FUNCTION' end, format('%I.%I(%s)', n.nspname, p.proname,"
            + " pg_get_function_identity_arguments(p.oid)), p.xmin::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
            + " where " + SCOPE + String.format(NOT_EXTENSION_MEMBER, "'pg_proc'::regclass", "p.oid")
            + " union all select 'pg_type'::regclass::oid, t.oid, case t.typtype when 'd' then 'DOMAIN' else 'TYPE'"
            + " end, format('%I.%I', n.nspname, t.typname), t.xmin::text from pg_type t join pg_namespace n on n.oid = t.typnamespace"
            + " where (t.typtype in ('e', 'd', 'r') or t.typtype = 'c' and exists (select 1 from pg_class r"
            + " where r.oid = t.typrelid and r.relkind = 'c')) and " + SCOPE
            + String.format(NOT_EXTENSION_MEMBER, "'pg_type'::regclass", "t.oid")
            + " union all select 'pg_extension'::regclass::oid, e.oid, 'EXTENSION', format('%I', e.extname), e.xmin::text"
            + " from pg_extension e join pg_namespace n on n.oid = e.extnamespace where " + SCOPE;

    /** An entry of {@code pg_restore --list}: {@code <dump id>; <catalog oid> <object oid> <type> ...}. */
    private static final Pattern TOC_ENTRY = Pattern.compile("^\\d+; (\\d+) (\\d+) ", Pattern.MULTILINE);

    /** The order objects are dropped in: containers first, so that most drops cascade from them. */
    private static final List<String> DROP_ORDER = List.of("EXTENSION", "SCHEMA", "MATERIALIZED VIEW", "VIEW",
            "FOREIGN TABLE", "TABLE", "SEQUENCE", "PROCEDURE", "AGGREGATE", "FUNCTION", "DOMAIN", "TYPE");

    private final List<String> schemas;

    /** @param schemas the schemas in scope; empty means every schema of the database but the system ones */
    ObjectInventory(List<String> schemas) {
        this.schemas = List.copyOf(schemas);
    }

    /** An object in scope: its identity, its kind as in {@code DROP <kind>}, and its quoted name. */
    record DatabaseObject(String identity, String kind, String name) {
        String describe() {
            return kind + " " + name;
        }
    }

    /** Returns the identities of the objects an archive holds, from the output of {@code pg_restore --list}. */
    static Set<String> identitiesInArchive(String listing) {
        Set<String> identities = new HashSet<>();
        Matcher matcher = TOC_ENTRY.matcher(listing);
        while (matcher.find()) {
            if (!"0".equals(matcher.group(1))) {
                identities.add(matcher.group(1) + ":" + matcher.group(2));
            }
        }
        return identities;
    }

    /** Returns the objects in scope now. */
    List<DatabaseObject> current(Connection connection) throws SQLException {
        List<DatabaseObject> objects = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    objects.add(new DatabaseObject(rows.getLong(1) + ":" + rows.getLong(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
        }
        return objects;
    }

    /**
     * Returns the identities of the objects in scope whose catalog row the current transaction (or one of its
     * subtransactions) wrote: those it created, or changed. Call it inside the transaction, before it commits.
     * A row's 32-bit xmin is widened to 64 bits as the nearest id to the current one (it may be a little newer: a
     * transaction that committed since this one started) for {@code txid_status}, which says "in progress" only of
     * the current transaction and its subtransactions among the rows a query can see.
     */
    Set<String> writtenByCurrentTransaction(Connection connection) throws SQLException {
        Set<String> identities = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("select o.cat, o.obj from (" + QUERY
                + ") o(cat, obj, kind, name, x), (select txid_current() as f) now where txid_status(now.f"
                + " + (o.x::bigint - now.f % 4294967296 + 6442450944) % 4294967296 - 2147483648) = 'in progress'")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    identities.add(rows.getLong(1) + ":" + rows.getLong(2));
                }
            }
        }
        return identities;
    }

    /** Returns the identities of the objects in scope now. */
    Set<String> identities(Connection connection) throws SQLException {
        Set<String> identities = new HashSet<>();
        for (DatabaseObject object : current(connection)) {
            identities.add(object.identity());
        }
        return identities;
    }

    /**
     * What a drop before a restore did.
     *
     * @param dropped the objects dropped, as {@code KIND name}, sorted
     * @param kept    the objects the archive does not hold that were left alone, sorted
     * @param swept   kept objects that would not survive: a cascading drop of the run's objects would take them,
     *                or they depend on an object the archive holds, which {@code pg_restore --clean} drops without
     *                cascading, so it would fail; each as {@code KIND name (depends on KIND name)} when known. When
     *                not empty, nothing was dropped
     */
    record Removal(List<String> dropped, List<String> kept, List<String> swept) {
    }

    /**
     * The normal dependencies on an object the archive holds, each with the top-level object it belongs to (a view's
     * rule, a table's constraint, trigger or column default belong to the table), as identities.
     */
    private static final String DEPENDENCIES = "select owner, referenced from (select case d.classid"
            + " when 'pg_rewrite'::regclass then 'pg_class'::regclass::oid::text || ':'"
            + " || (select r.ev_class from pg_rewrite r where r.oid = d.objid)::text"
            + " when 'pg_constraint'::regclass then (select case when c.conrelid <> 0 then"
            + " 'pg_class'::regclass::oid::text || ':' || c.conrelid::text else 'pg_type'::regclass::oid::text || ':'"
            + " || c.contypid::text end from pg_constraint c where c.oid = d.objid)"
            + " when 'pg_trigger'::regclass then 'pg_class'::regclass::oid::text || ':'"
            + " || (select t.tgrelid from pg_trigger t where t.oid = d.objid)::text"
            + " when 'pg_attrdef'::regclass then 'pg_class'::regclass::oid::text || ':'"
            + " || (select a.adrelid from pg_attrdef a where a.oid = d.objid)::text"
            + " else d.classid::text || ':' || d.objid::text end as owner,"
            + " d.refclassid::text || ':' || d.refobjid::text as referenced from pg_depend d where d.deptype = 'n') x"
            + " where owner = any(?::text[]) and referenced = any(?::text[]) and owner <> referenced";

    /**
     * Returns the kept objects that depend on an object the archive holds (their schema, a table a view reads or a
     * foreign key references, ...): {@code pg_restore --clean} drops that object without cascading and would fail.
     */
    private List<String> blockingTheRestore(Connection connection, Set<String> inArchive, List<DatabaseObject> kept)
            throws SQLException {
        if (kept.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (DatabaseObject object : current(connection)) {
            names.put(object.identity(), object.describe());
        }
        java.util.TreeSet<String> blocking = new java.util.TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(DEPENDENCIES)) {
            statement.setArray(1, connection.createArrayOf("text",
                    kept.stream().map(DatabaseObject::identity).toArray()));
            statement.setArray(2, connection.createArrayOf("text", inArchive.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String referenced = names.getOrDefault(rows.getString(2), "an object of the backup");
                    blocking.add(names.getOrDefault(rows.getString(1), rows.getString(1)) + " (depends on "
                            + referenced + ")");
                }
            }
        }
        return List.copyOf(blocking);
    }

    /**
     * Drops, in one transaction, the objects in scope that the archive does not hold and that {@code toDrop}
     * accepts (null: all of them), and reports them and those left alone. Each drop cascades, so objects depending
     * on one go too, and the restore recreates any of those that the archive holds; when a cascade would take an
     * object left alone, the transaction is rolled back and the removal reports it as swept.
     */
    Removal dropAbsentFrom(Connection connection, Set<String> inArchive, @Nullable Set<String> toDrop)
            throws SQLException {
        List<DatabaseObject> absent = new ArrayList<>();
        List<DatabaseObject> kept = new ArrayList<>();
        for (DatabaseObject object : current(connection)) {
            if (inArchive.contains(object.identity())) {
                continue;
            }
            (toDrop == null || toDrop.contains(object.identity()) ? absent : kept).add(object);
        }
        List<String> keptNames = described(kept);
        List<String> blocking = blockingTheRestore(connection, inArchive, kept);
        if (!blocking.isEmpty()) {
            return new Removal(List.of(), keptNames, blocking);
        }
        if (absent.isEmpty()) {
            return new Removal(List.of(), keptNames, List.of());
        }
        absent.sort(Comparator.comparingInt(object -> DROP_ORDER.indexOf(object.kind())));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (DatabaseObject object : absent) {
                statement.execute("drop " + object.kind().toLowerCase(Locale.ROOT) + " if exists " + object.name()
                        + " cascade");
            }
            Set<String> left = identities(connection);
            List<DatabaseObject> swept = kept.stream().filter(object -> !left.contains(object.identity())).toList();
            if (!swept.isEmpty()) {
                connection.rollback();
                return new Removal(List.of(), keptNames, described(swept).stream()
                        .map(name -> name + " (would go with what the run created)").toList());
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new Removal(described(absent), keptNames, List.of());
    }

    private static List<String> described(List<DatabaseObject> objects) {
        return objects.stream().map(DatabaseObject::describe).sorted().toList();
    }
}
