package io.msr.internal.drift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the {@link Fingerprint} of a {@link DriftScope} from PostgreSQL's catalog in one query (one snapshot): the
 * schemas; tables (persistence, partition key, row level security), their columns (type, collation, nullability,
 * default, identity, generation), constraints ({@code pg_get_constraintdef}), indexes ({@code pg_get_indexdef},
 * invalid ones marked), triggers (with their enabled state) and policies; views and materialized views (definition,
 * whitespace collapsed); sequences; functions, procedures and aggregates (identity arguments, result, language and a
 * hash of {@code pg_get_functiondef}); enums with their labels, domains with their constraints, composite and range
 * types; the extensions installed in the schemas (name and version); with the scope's privileges flag, each object's
 * owner and grants. Objects of extensions, partitions (their parent describes them) and the excluded tables with
 * their columns, constraints, indexes, triggers and owned sequences are left out. Needs PostgreSQL 12 or newer.
 *
 * <p>The caller runs it with {@code search_path} set to {@code pg_catalog} alone, so that every name in the
 * definitions is schema-qualified whatever the connection's own search path.
 */
public final class SchemaCatalog {

    static final String QUERY = """
            with ns as (
                select n.oid, n.nspname from pg_catalog.pg_namespace n where n.nspname = any(?::text[])
            ), excluded as (
                select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                join unnest(?::text[], ?::text[]) as x(s, t) on n.nspname = x.s and c.relname = x.t
            ), rel as (
                select c.oid, c.relkind, n.nspname, pg_catalog.format('%I.%I', n.nspname, c.relname) as qname,
                    case c.relkind when 'r' then 'table' when 'p' then 'table' when 'f' then 'foreign table' when 'v' then 'view'
                        when 'm' then 'materialized view' when 'S' then 'sequence' else 'type' end as kind,
                    c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.relowner, c.relacl
                from pg_catalog.pg_class c join ns n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p', 'f', 'v', 'm', 'S', 'c') and not c.relispartition
                and c.oid not in (select oid from excluded)
                and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    and d.objid = c.oid and (d.deptype = 'e' or d.deptype in ('a', 'i') and c.relkind = 'S'
                        and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.refobjid in (select oid from excluded)))
            ), fn as (
                select p.oid, p.prokind, p.proowner, p.proacl, l.lanname,
                    case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end || ' '
                    || pg_catalog.format('%I.%I', n.nspname, p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid)
                    || ')' as object
                from pg_catalog.pg_proc p join ns n on n.oid = p.pronamespace
                join pg_catalog.pg_language l on l.oid = p.prolang
                where not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                    and d.objid = p.oid and d.deptype in ('e', 'i'))
            ), typ as (
                select t.oid, t.typtype, t.typbasetype, t.typtypmod, t.typnotnull, t.typdefault, t.typowner, t.typacl,
                    'type ' || pg_catalog.format('%I.%I', n.nspname, t.typname) as object
                from pg_catalog.pg_type t join ns n on n.oid = t.typnamespace
                where t.typtype in ('e', 'd', 'r')
                and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                    and d.objid = t.oid and d.deptype = 'e')
            )
            select 'schema ' || pg_catalog.quote_ident(nspname), 'schema' from ns
            union all
            select r.kind || ' ' || r.qname, case r.relkind
                when 'r' then case r.relpersistence when 'u' then 'unlogged table' else 'table' end
                when 'p' then 'table partitioned by ' || pg_catalog.pg_get_partkeydef(r.oid)
                when 'f' then 'foreign table'
                when 'S' then (select pg_catalog.format('%s start %s increment %s minvalue %s maxvalue %s cache %s%s',
                        pg_catalog.format_type(s.seqtypid, null), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
                        case when s.seqcycle then ' cycle' else '' end) from pg_catalog.pg_sequence s where s.seqrelid = r.oid)
                when 'c' then 'composite (' || (select pg_catalog.string_agg(pg_catalog.format('%I %s', a.attname,
                        pg_catalog.format_type(a.atttypid, a.atttypmod)), ', ' order by a.attnum) from pg_catalog.pg_attribute a
                        where a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped) || ')'
                else pg_catalog.regexp_replace(pg_catalog.btrim(pg_catalog.pg_get_viewdef(r.oid)), '\\s+', ' ', 'g') end
                || case when r.relrowsecurity then ' with row level security' || case when r.relforcerowsecurity
                    then ' forced' else '' end else '' end
            from rel r
            union all
            select 'column ' || r.qname || '.' || pg_catalog.quote_ident(a.attname),
                pg_catalog.format_type(a.atttypid, a.atttypmod)
                || case when a.attcollation <> t.typcollation then ' collate ' || (select pg_catalog.format('%I.%I', cn.nspname,
                    co.collname) from pg_catalog.pg_collation co join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
                    where co.oid = a.attcollation) else '' end
                || case when a.attnotnull then ' not null' else '' end
                || case when a.attgenerated = 's' then ' generated always as (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid)
                    || ') stored' else coalesce(' default ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '') end
                || case a.attidentity when 'a' then ' generated always as identity' when 'd'
                    then ' generated by default as identity' else '' end
            from rel r join pg_catalog.pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
            join pg_catalog.pg_type t on t.oid = a.atttypid
            left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            where r.relkind in ('r', 'p', 'f')
            union all
            select 'constraint ' || r.qname || '.' || pg_catalog.quote_ident(c.conname), pg_catalog.pg_get_constraintdef(c.oid)
            from rel r join pg_catalog.pg_constraint c on c.conrelid = r.oid
            where r.relkind in ('r', 'p', 'f') and c.contype <> 'n'
            union all
            select 'index ' || pg_catalog.format('%I.%I', r.nspname, ic.relname), pg_catalog.pg_get_indexdef(i.indexrelid)
                || case when i.indisvalid then '' else ' (invalid)' end
            from rel r join pg_catalog.pg_index i on i.indrelid = r.oid join pg_catalog.pg_class ic on ic.oid = i.indexrelid
            union all
            select 'trigger ' || r.qname || '.' || pg_catalog.quote_ident(t.tgname), pg_catalog.pg_get_triggerdef(t.oid)
                || case t.tgenabled when 'D' then ' (disabled)' when 'R' then ' (enabled on replica only)'
                    when 'A' then ' (enabled always)' else '' end
            from rel r join pg_catalog.pg_trigger t on t.tgrelid = r.oid and not t.tgisinternal
            union all
            select 'policy ' || r.qname || '.' || pg_catalog.quote_ident(p.polname),
                case when p.polpermissive then 'permissive' else 'restrictive' end || ' for ' || case p.polcmd when 'r' then 'select'
                    when 'a' then 'insert' when 'w' then 'update' when 'd' then 'delete' else 'all' end
                || ' to ' || (select pg_catalog.string_agg(case when x.role = 0 then 'public'
                    else pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(x.role)) end, ', ' order by 1)
                    from pg_catalog.unnest(p.polroles) as x(role))
                || coalesce(' using (' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')', '')
                || coalesce(' with check (' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')
            from rel r join pg_catalog.pg_policy p on p.polrelid = r.oid
            union all
            select f.object, case when f.prokind = 'a' then 'returns ' || pg_catalog.pg_get_function_result(f.oid)
                else coalesce('returns ' || pg_catalog.pg_get_function_result(f.oid) || ' ', '') || 'language ' || f.lanname
                    || ' definition sha256:' || pg_catalog.left(pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
                        pg_catalog.pg_get_functiondef(f.oid), 'UTF8')), 'hex'), 16) end
            from fn f
            union all
            select t.object, case t.typtype
                when 'e' then 'enum (' || coalesce((select pg_catalog.string_agg(pg_catalog.quote_literal(e.enumlabel), ', '
                    order by e.enumsortorder) from pg_catalog.pg_enum e where e.enumtypid = t.oid), '') || ')'
                when 'r' then 'range of ' || (select pg_catalog.format_type(g.rngsubtype, null) from pg_catalog.pg_range g
                    where g.rngtypid = t.oid)
                else 'domain over ' || pg_catalog.format_type(t.typbasetype, t.typtypmod)
                    || case when t.typnotnull then ' not null' else '' end || coalesce(' default ' || t.typdefault, '')
                    || coalesce((select ' ' || pg_catalog.string_agg(pg_catalog.format('constraint %I %s', c.conname,
                        pg_catalog.pg_get_constraintdef(c.oid)), ' ' order by c.conname)
                        from pg_catalog.pg_constraint c where c.contypid = t.oid), '') end
            from typ t
            union all
            select 'extension ' || pg_catalog.quote_ident(e.extname), 'version ' || e.extversion || ' in schema '
                || pg_catalog.quote_ident(n.nspname)
            from pg_catalog.pg_extension e join ns n on n.oid = e.extnamespace
            union all
            select 'privileges ' || x.object, 'owner ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(x.owner))
                || coalesce(' grants ' || (select pg_catalog.string_agg(a::text, ' ' order by a::text)
                    from pg_catalog.unnest(x.acl) as a), '')
            from (select 'schema ' || pg_catalog.quote_ident(n.nspname), n2.nspowner, n2.nspacl from ns n
                    join pg_catalog.pg_namespace n2 on n2.oid = n.oid
                union all select r.kind || ' ' || r.qname, r.relowner, r.relacl from rel r
                union all select f.object, f.proowner, f.proacl from fn f
                union all select t.object, t.typowner, t.typacl from typ t) as x(object, owner, acl)
            where ?::boolean
            """;

    private SchemaCatalog() {
    }

    /** Reads the fingerprint of the scope on the connection; the caller sets the search path (see above). */
    public static Fingerprint capture(Connection connection, DriftScope scope) throws SQLException {
        SortedMap<String, String> objects = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setArray(1, connection.createArrayOf("text", scope.schemas().toArray()));
            query.setArray(2, connection.createArrayOf("text", scope.excludedSchema().toArray()));
            query.setArray(3, connection.createArrayOf("text", scope.excludedTable().toArray()));
            query.setBoolean(4, scope.privileges());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    objects.put(rows.getString(1), String.valueOf(rows.getString(2)));
                }
            }
        }
        return new Fingerprint(objects);
    }
}
