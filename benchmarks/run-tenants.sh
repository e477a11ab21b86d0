#!/usr/bin/env bash
# Applies the same generated migrations to many schemas (a schema per tenant), each measurement on a fresh database
# of the local PostgreSQL, several times side by side: MSR's acrossSchemas() at parallelism 1, 2 and 4, a loop of
# Flyway runs over the schemas (one migrate per schema, one after another, as users do by hand; the version Spring
# Boot's BOM manages), and psql (the floor: one session per schema, one transaction per file; and one session for
# all the schemas). MSR and Flyway are timed inside one JVM (io.msr.bench.ApplyManySchemas: JVM start excluded),
# psql by the shell. Prints min and median and the ratios, writes them into benchmarks/RESULTS.md as the section
# "Many schemas: ..." and draws benchmarks/plots/tenants-wall-time.svg. run.sh calls it for its section "tenants".
#   benchmarks/run-tenants.sh    (PGHOST, PGPORT, PGUSER, SCHEMAS=200, TENANT_MIGRATIONS=20, REPETITIONS=3 may be set)
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="-c client_min_messages=warning"
schemas="${SCHEMAS:-200}"
migrations="${TENANT_MIGRATIONS:-20}"
repetitions="${REPETITIONS:-3}"
java_cmd="${JAVA_HOME:+${JAVA_HOME}/bin/}java"
started="$(date +%s)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

./mvnw -q -B -Pbench -pl benchmarks -am package -DskipTests
classpath="benchmarks/target/classes:benchmarks/target/lib/*"

work="$(mktemp -d)"
database="bench_tenants_$$"
cleanup() {
  psql -X -q -c "drop database if exists ${database}" || true
  rm -rf "${work}"
}
trap cleanup EXIT
# The migrations use unqualified names: each tool puts the tenant's schema first on the search_path.
mkdir -p "${work}/msr" "${work}/flyway"
printf 'create schema :"schema";\nset search_path to :"schema";\n' > "${work}/tenant.sql"
for i in $(seq 1 "${migrations}"); do
  sql="create table t_${i} (id bigint generated always as identity primary key, name text not null, created timestamptz not null default now());
create index t_${i}_name_idx on t_${i} (name);
insert into t_${i} (name) values ('a'), ('b'), ('c');"
  printf '%s\n' "${sql}" > "${work}/msr/V${i}_table_${i}.up.sql"
  printf '%s\n' "${sql}" > "${work}/flyway/V${i}__table_${i}.sql"
  printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "${work}/msr/V${i}_table_${i}.up.sql" >> "${work}/tenant.sql"
done
: > "${work}/all.sql"
for s in $(seq 1 "${schemas}"); do
  printf '\\set schema tenant_%d\n\\i %s\n' "${s}" "${work}/tenant.sql" >> "${work}/all.sql"
done

# Times one tool on a fresh database; checks every schema got every table; appends "label<TAB>seconds" to the
# samples and the seconds to the tool's result file.
measure() {
  local tool="$1" label="$2" seconds start end
  psql -X -q -c "drop database if exists ${database}" -c "create database ${database}"
  local url="jdbc:postgresql://${PGHOST}:${PGPORT}/${database}"
  case "${tool}" in
    psql-loop)
      start="$(date +%s%N)"
      for s in $(seq 1 "${schemas}"); do
        psql -X -q -v ON_ERROR_STOP=1 -v schema="tenant_${s}" -d "${database}" -f "${work}/tenant.sql" > /dev/null
      done
      end="$(date +%s%N)"
      seconds="$(awk -v ns="$((end - start))" 'BEGIN { printf "%.3f", ns / 1e9 }')" ;;
    psql-session)
      start="$(date +%s%N)"
      psql -X -q -v ON_ERROR_STOP=1 -d "${database}" -f "${work}/all.sql" > /dev/null
      end="$(date +%s%N)"
      seconds="$(awk -v ns="$((end - start))" 'BEGIN { printf "%.3f", ns / 1e9 }')" ;;
    flyway)
      seconds="$("${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyManySchemas "${url}" "${PGUSER}" \
        "${work}/flyway" "${schemas}" flyway)" ;;
    msr-*)
      seconds="$("${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyManySchemas "${url}" "${PGUSER}" \
        "${work}/msr" "${schemas}" msr "${tool#msr-}")" ;;
  esac
  local tables
  tables="$(psql -X -tAc "select count(*) from pg_tables where schemaname like 'tenant\_%' and tablename like 't\_%'" \
    -d "${database}")"
  [[ "${tables}" == "$((schemas * migrations))" ]] \
    || { echo "${label}: ${tables} tables, expected $((schemas * migrations))" >&2; exit 1; }
  psql -X -q -c "drop database ${database}"
  echo "${seconds}" >> "${work}/${tool}.results"
  printf '%s\t%s\n' "${label}" "${seconds}" >> "${work}/tenants.samples"
  echo "${label}: ${seconds} s" >&2
}
tools=(psql-loop psql-session flyway msr-1 msr-2 msr-4)
label_of() {
  case "$1" in
    psql-loop) echo "psql loop" ;; psql-session) echo "psql 1 sess." ;; flyway) echo "Flyway loop" ;;
    msr-*) echo "MSR p=${1#msr-}" ;;
  esac
}
for _ in $(seq 1 "${repetitions}"); do
  for tool in "${tools[@]}"; do
    measure "${tool}" "$(label_of "${tool}")"
  done
done

stat() { sort -n "${work}/$1.results" | awk -v want="$2" '{v[NR]=$1} END {
  if (want == "min") print v[1]; else if (want == "max") print v[NR]; else print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { stat "$1" median; }
server="$(psql -X -tAc 'show server_version')"
flyway_version="$(find benchmarks/target/lib -name 'flyway-core-*.jar' -printf '%f' | sed 's/^flyway-core-//; s/\.jar$//')"
title="${schemas} schemas x ${migrations} migrations"
"${java_cmd}" -cp "${classpath}" io.msr.bench.TenantsPlot "${work}/tenants.samples" \
  "Apply ${title} (JVM start excluded)" benchmarks/plots/tenants-wall-time.svg
minutes="$(awk -v s="$(( $(date +%s) - started ))" 'BEGIN { printf "%.1f", s / 60 }')"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
row() { printf '| %s | %s | %s | %s |' "$1" "$(stat "$2" min)" "$(median "$2")" "$(stat "$2" max)"; }

section="$(cat <<SECTION
## Many schemas: ${title}

Run of $(date -u +%Y-%m-%d) by benchmarks/run-tenants.sh: $(nproc) cores, PostgreSQL ${server}, ${repetitions}
repetitions, ${minutes} min in all; load average (1, 5, 15 min) ${load_before} at the start and ${load_after} at the
end.

The same ${migrations} migrations (each a table, an index and three rows, unqualified names) applied to each of
${schemas} schemas, \`tenant_1\` to \`tenant_${schemas}\`, created by the tool; each measurement on a fresh database.
MSR (\`Msr.acrossSchemas().migrate()\`) and the Flyway loop (one \`Flyway.configure()...schemas(s).defaultSchema(s)
.createSchemas(true).load().migrate()\` per schema, one after another) run in one JVM each, timed inside it with
System.nanoTime: JVM start excluded, class loading and connecting included. psql is timed by the shell: the floor
is a session per schema (\`create schema\`, \`set search_path\`, each file in its own transaction), and one session
for all schemas shows what the connections cost. psql keeps no history and takes no lock; MSR and Flyway keep a
history table in each schema.

![Min and median wall time over ${title}](plots/tenants-wall-time.svg)

| tool | min (s) | median (s) | max (s) |
|---|---|---|---|
$(row "psql, a session per schema (the floor)" psql-loop)
$(row "psql, one session for all schemas" psql-session)
$(row "Flyway ${flyway_version}, a migrate per schema, one after another" flyway)
$(row "MSR, parallelism 1" msr-1)
$(row "MSR, parallelism 2" msr-2)
$(row "MSR, parallelism 4" msr-4)

| ratio (median) | parallelism 1 | parallelism 2 | parallelism 4 |
|---|---|---|---|
| MSR / psql loop | $(ratio "$(median msr-1)" "$(median psql-loop)") | $(ratio "$(median msr-2)" "$(median psql-loop)") | $(ratio "$(median msr-4)" "$(median psql-loop)") |
| MSR / Flyway loop | $(ratio "$(median msr-1)" "$(median flyway)") | $(ratio "$(median msr-2)" "$(median flyway)") | $(ratio "$(median msr-4)" "$(median flyway)") |
| MSR / MSR at parallelism 1 | 1.00 | $(ratio "$(median msr-2)" "$(median msr-1)") | $(ratio "$(median msr-4)" "$(median msr-1)") |

Parallelism: two schemas at once took $(ratio "$(median msr-2)" "$(median msr-1)") of the time of one at a time, four
took $(ratio "$(median msr-4)" "$(median msr-2)") of the time of two (medians; by the mins $(ratio "$(stat msr-2 min)" "$(stat msr-1 min)") and \
$(ratio "$(stat msr-4 min)" "$(stat msr-2 min)")). Each migration commits on its own, and a commit waits for the server to
flush its WAL to disk (fsync on); such waits and the round trips between client and server are time in which
neither side needs a core, so schemas worked on at once can overlap them even on $(nproc) cores, until the cores or the
disk are saturated. The server, the JVM and whatever else runs on the machine share those cores: the spread between
min and max is the load of the machine, so compare the ratios of one run rather than seconds across runs.
SECTION
)"
echo "${section}"
# The section replaces its previous version between its markers (as run.sh's sections do), or is appended.
printf '%s\n' "${section}" > "${work}/section.md"
if grep -qx "<!-- section: tenants -->" benchmarks/RESULTS.md; then
  awk -v body="${work}/section.md" '
    $0 == "<!-- section: tenants -->" { print; while ((getline line < body) > 0) print line; skip = 1; next }
    $0 == "<!-- end: tenants -->" { skip = 0 }
    !skip { print }
  ' benchmarks/RESULTS.md > "${work}/RESULTS.md"
else
  { cat benchmarks/RESULTS.md; printf '\n<!-- section: tenants -->\n'; cat "${work}/section.md"
    printf '<!-- end: tenants -->\n'; } > "${work}/RESULTS.md"
fi
cp "${work}/RESULTS.md" benchmarks/RESULTS.md
