#!/usr/bin/env bash
# Applies the same generated migrations with MSR, with Flyway (the version Spring Boot's BOM manages) and with
# psql (the floor: one session, one transaction per file), each on a fresh database of the local PostgreSQL,
# several times side by side; prints min and median wall time (JVM start included), peak RSS and the ratios,
# writes them to benchmarks/RESULTS.md, and draws them as SVG charts in benchmarks/plots (io.msr.bench.Plots).
# The apply benchmark runs at each size of SIZES (the cost against the number of migrations); the tables and
# the other benchmarks use the largest.
#   benchmarks/run.sh            (PGHOST, PGPORT, PGUSER, SIZES="100 500 1000", REPETITIONS=3 may be set;
#                                 MIGRATIONS=N is SIZES=N)
# SECTIONS picks what to measure, by name, in this order (default: all):
#   apply          MSR, Flyway and psql applying SIZES migrations to an empty database, JVM start included (~9 min)
#   job            a Spring Boot migrate Job with nothing pending (~2 min)
#   probe          readiness probes of a verify-mode replica (~1 min)
#   race           ten migrate processes, and ten runner threads in one JVM, racing on 100 migrations (~5 min)
#   single-schema  inside one warm JVM: ten runner threads racing against one, SINGLE_MIGRATIONS (1000) migrations
#                  against psql, and verify mode's refresh with them on the classpath (~3 min at REPETITIONS=3)
#   tenants        many schemas: SCHEMAS (200) x TENANT_MIGRATIONS (20) with MSR at parallelism 1, 2, 4 against a
#                  Flyway loop and psql (benchmarks/run-tenants.sh, ~22 min at REPETITIONS=3)
#   memory         peak RSS of the packaged migrate Job (MSR and Flyway) under the shipped container limits applying
#                  one migration of MEMORY_SIZES (1 10 32 50) MB, as one multi-row INSERT and as INSERTs of 1,000 rows
#                  (~15 min, one run each: a peak, not a time)
# e.g. SECTIONS=single-schema REPETITIONS=1 benchmarks/run.sh for a quick run. Each section rewrites only its own
# part of RESULTS.md (between its <!-- section: name --> markers) and says which run produced it; a new section is
# a function section_<name> that prints its markdown, plus its name in all_sections.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="-c client_min_messages=warning"
read -r -a requested <<< "${SIZES:-${MIGRATIONS:-100 500 1000}}"
sizes="$(printf '%s\n' "${requested[@]}" | sort -n -u | tr '\n' ' ')"
sizes="${sizes% }"
count="${sizes##* }"
repetitions="${REPETITIONS:-3}"
single_count="${SINGLE_MIGRATIONS:-1000}"
all_sections="apply job probe race single-schema tenants memory"
read -r -a sections <<< "${SECTIONS:-${all_sections}}"
for section in "${sections[@]}"; do
  [[ " ${all_sections} " == *" ${section} "* ]] || { echo "unknown section ${section} (known: ${all_sections})" >&2; exit 2; }
done
wants() { [[ " ${sections[*]} " == *" $1 "* ]]; }
java_cmd="${JAVA_HOME:+${JAVA_HOME}/bin/}java"

./mvnw -q -B -Pbench -pl benchmarks,benchmarks/jobs/msr-job,benchmarks/jobs/flyway-job,benchmarks/jobs/bare-job,sample-app \
  -am package -DskipTests
classpath="benchmarks/target/classes:benchmarks/target/lib/*"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
# One set of migrations per size, in ${work}/<size>; ${work}/msr and ${work}/flyway are the largest set.
for size in ${sizes}; do
  mkdir -p "${work}/${size}/msr" "${work}/${size}/flyway"
  : > "${work}/${size}/psql.sql"
  for i in $(seq 1 "${size}"); do
    sql="create table t_${i} (id bigint generated always as identity primary key, name text not null, created timestamptz not null default now());
create index t_${i}_name_idx on t_${i} (name);
insert into t_${i} (name) values ('a'), ('b'), ('c');"
    printf '%s\n' "${sql}" > "${work}/${size}/msr/V${i}_table_${i}.up.sql"
    printf '%s\n' "${sql}" > "${work}/${size}/flyway/V${i}__table_${i}.sql"
    printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "${work}/${size}/msr/V${i}_table_${i}.up.sql" >> "${work}/${size}/psql.sql"
  done
done
ln -s "${work}/${count}/msr" "${work}/msr"
ln -s "${work}/${count}/flyway" "${work}/flyway"
server="$(psql -X -tAc 'show server_version')"
flyway_version="$(find benchmarks/target/lib -name 'flyway-core-*.jar' -printf '%f' | sed 's/^flyway-core-//; s/\.jar$//')"

stat() { sort -n -k"$2" "${work}/$1.results" | awk -v k="$2" -v want="$3" '{v[NR]=$k} END {
  if (want == "min") print v[1]; else if (want == "max") print v[NR]; else print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# The first line of every section: which run produced it, on what machine, under what load.
section_started=0
section_load=""
begin_section() { section_started="$(date +%s)"; section_load="$(cut -d' ' -f1-3 /proc/loadavg)"; }
run_line() {
  local minutes
  minutes="$(awk -v s="$(( $(date +%s) - section_started ))" 'BEGIN { printf "%.1f", s / 60 }')"
  printf 'Run of %s (SECTIONS=%s): %s cores, PostgreSQL %s,\n' "$(date -u +%Y-%m-%d)" "$1" "$(nproc)" "${server}"
  printf '%s repetitions, %s min for this section; load average (1, 5, 15 min) %s at its start and %s at its\n' \
    "${repetitions}" "${minutes}" "${section_load}" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'end (other work on the machine slows every tool alike, and widens the gap between min and median).\n'
}
# Replaces a section's text in RESULTS.md between its markers, or appends it when it has none yet.
write_section() {
  local name="$1" file="benchmarks/RESULTS.md"
  printf '%s\n' "$2" > "${work}/section.md"
  if grep -qx "<!-- section: ${name} -->" "${file}"; then
    awk -v name="${name}" -v body="${work}/section.md" '
      $0 == "<!-- section: " name " -->" { print; while ((getline line < body) > 0) print line; skip = 1; next }
      $0 == "<!-- end: " name " -->" { skip = 0 }
      !skip { print }' "${file}" > "${work}/results.md"
  else
    { cat "${file}"; printf '\n<!-- section: %s -->\n' "${name}"; cat "${work}/section.md"
      printf '<!-- end: %s -->\n' "${name}"; } > "${work}/results.md"
  fi
  cp "${work}/results.md" "${file}"
}

# Runs one tool on a fresh database with one size's migrations; appends "seconds kilobytes" to the tool's result
# file of that size, and "tool size seconds" to the samples the plots are drawn from.
# Runs one tool on a fresh database with one size's migrations; appends "seconds kilobytes" to the tool's result
# file of that size, and "tool size seconds" to the samples the plots are drawn from.
measure() {
  local tool="$1" size="$2" database="bench_${1}_$$"
  psql -X -q -c "drop database if exists ${database}" -c "create database ${database}"
  local url="jdbc:postgresql://${PGHOST}:${PGPORT}/${database}"
  case "${tool}" in
    msr) /usr/bin/time -f '%e %M' -o "${work}/sample" "${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyWithMsr \
           "${url}" "${PGUSER}" "${work}/${size}/msr" > /dev/null ;;
    flyway) /usr/bin/time -f '%e %M' -o "${work}/sample" "${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyWithFlyway \
           "${url}" "${PGUSER}" "${work}/${size}/flyway" > /dev/null ;;
    psql) /usr/bin/time -f '%e %M' -o "${work}/sample" psql -X -q -v ON_ERROR_STOP=1 -d "${database}" \
           -f "${work}/${size}/psql.sql" > /dev/null ;;
  esac
  tail -1 "${work}/sample" >> "${work}/${tool}-${size}.results"
  printf '%s\t%s\t%s\n' "$(name_of "${tool}")" "${size}" "$(tail -1 "${work}/sample" | cut -d' ' -f1)" \
    >> "${work}/apply.samples"
  psql -X -q -c "drop database ${database}"
}
name_of() {
  case "$1" in
    psql) echo "psql" ;; flyway) echo "Flyway" ;; msr) echo "MSR" ;;
    bare) echo "bare Boot app" ;; msr-cds) echo "MSR + AppCDS" ;;
  esac
}
jar_of() {
  case "$1" in
    msr-cds) echo "-XX:SharedArchiveFile=${work}/cds/msr-job.jsa -jar ${work}/cds/msr-job.jar" ;;
    *) echo "-jar benchmarks/jobs/$1-job/target/$1-job.jar" ;;
  esac
}
# The MSR job as the Docker image runs it: the extracted jar with an AppCDS archive from a training run on a
# database where the migrations are applied.
train_cds() {
  [[ -f "${work}/cds/msr-job.jsa" ]] && return
  "${java_cmd}" -Djarmode=tools -jar benchmarks/jobs/msr-job/target/msr-job.jar extract --destination "${work}/cds" \
    > /dev/null
  "${java_cmd}" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="${work}/cds/msr-job.jsa" \
    -jar "${work}/cds/msr-job.jar" --spring.main.banner-mode=off --logging.level.root=warn --msr.mode=migrate \
    --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/$1" \
    --spring.datasource.username="${PGUSER}" --msr.locations="filesystem:${work}/msr" > /dev/null
}

# 1. The same migrations applied by each tool, at each size, each run on a fresh database.
section_apply() {
  for _ in $(seq 1 "${repetitions}"); do
    for size in ${sizes}; do
      for tool in psql flyway msr; do
        measure "${tool}" "${size}"
      done
    done
  done
  for tool in psql flyway msr; do
    cp "${work}/${tool}-${count}.results" "${work}/${tool}.results"
  done
  local msr_median flyway_median psql_median scaling_rows
  msr_median="$(stat msr 1 median)"; flyway_median="$(stat flyway 1 median)"; psql_median="$(stat psql 1 median)"
  scaling_rows="$(for size in ${sizes}; do
    printf '| %s | %s | %s | %s | %s | %s |\n' "${size}" "$(stat psql-"${size}" 1 median)" \
      "$(stat flyway-"${size}" 1 median)" "$(stat msr-"${size}" 1 median)" \
      "$(ratio "$(stat msr-"${size}" 1 median)" "$(stat flyway-"${size}" 1 median)")" \
      "$(ratio "$(stat msr-"${size}" 1 median)" "$(stat psql-"${size}" 1 median)")"
  done)"
  cat <<REPORT
## Apply ${count} migrations to an empty database

$(run_line apply)

Each migration creates a table and an index and inserts three rows. Wall time from process start to exit,
JVM start included; psql is the floor (one session, one transaction per file).

![Min and median wall time per tool, ${count} migrations](plots/apply-wall-time.svg)

| tool | min (s) | median (s) | peak RSS (MiB) |
|---|---|---|---|
| psql | $(stat psql 1 min) | ${psql_median} | |
| Flyway ${flyway_version} (Java API) | $(stat flyway 1 min) | ${flyway_median} | $(( $(stat flyway 2 max) / 1024 )) |
| MSR | $(stat msr 1 min) | ${msr_median} | $(( $(stat msr 2 max) / 1024 )) |

| ratio (median) | value | target |
|---|---|---|
| MSR / Flyway | $(ratio "${msr_median}" "${flyway_median}") | <= 0.70 |
| MSR / psql | $(ratio "${msr_median}" "${psql_median}") | <= 1.50 |

### Cost against the number of migrations

The same migrations, the first ${sizes// /, } of them, each size on a fresh database (median wall time, s).

![Median wall time against the number of migrations, MSR, Flyway and psql](plots/apply-scaling.svg)

| migrations | psql | Flyway | MSR | MSR / Flyway | MSR / psql |
|---|---|---|---|---|---|
${scaling_rows}

Runs against many schemas (a tenant per schema) have a section of their own below.
REPORT
}

# 2. A migrate Job with nothing pending: Spring Boot jobs from JVM start to exit, on databases where the
#    same migrations are already applied by the tool itself; the floor is a Boot app that starts and exits.
job() {
  local kind="$1"; shift
  # shellcheck disable=SC2046 # jar_of gives several words on purpose
  /usr/bin/time -f '%e %M' -o "${work}/sample" "${java_cmd}" $(jar_of "${kind}") \
    --spring.main.banner-mode=off --logging.level.root=warn --spring.datasource.username="${PGUSER}" "$@" > /dev/null
  tail -1 "${work}/sample" >> "${work}/${kind}-job.results"
  printf '%s\t%s\n' "$(name_of "${kind}")" "$(tail -1 "${work}/sample" | cut -d' ' -f1)" >> "${work}/job.samples"
}
section_job() {
  psql -X -q -c "drop database if exists bench_job_msr_$$" -c "create database bench_job_msr_$$" \
    -c "drop database if exists bench_job_flyway_$$" -c "create database bench_job_flyway_$$"
  "${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyWithMsr "jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_msr_$$" \
    "${PGUSER}" "${work}/msr" > /dev/null
  "${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyWithFlyway \
    "jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_flyway_$$" "${PGUSER}" "${work}/flyway" > /dev/null
  train_cds "bench_job_msr_$$"
  for _ in $(seq 1 "${repetitions}"); do
    job bare --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_msr_$$"
    job flyway --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_flyway_$$" \
      --spring.flyway.locations="filesystem:${work}/flyway"
    job msr --msr.mode=migrate --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_msr_$$" \
      --msr.locations="filesystem:${work}/msr"
    job msr-cds --msr.mode=migrate --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_msr_$$" \
      --msr.locations="filesystem:${work}/msr"
  done
  psql -X -q -c "drop database bench_job_msr_$$" -c "drop database bench_job_flyway_$$"
  local msr_median flyway_median cds_median bare_median
  msr_median="$(stat msr-job 1 median)"; flyway_median="$(stat flyway-job 1 median)"
  cds_median="$(stat msr-cds-job 1 median)"; bare_median="$(stat bare-job 1 median)"
  cat <<REPORT
## A migrate Job with nothing pending (${count} applied), Spring Boot jar from JVM start to exit

$(run_line job)

![Min and median wall time of a migrate Job with nothing pending](plots/job-wall-time.svg)

| job | min (s) | median (s) | peak RSS (MiB) |
|---|---|---|---|
| bare Spring Boot app (floor) | $(stat bare-job 1 min) | ${bare_median} | $(( $(stat bare-job 2 max) / 1024 )) |
| Flyway ${flyway_version} at startup | $(stat flyway-job 1 min) | ${flyway_median} | $(( $(stat flyway-job 2 max) / 1024 )) |
| MSR --msr.mode=migrate | $(stat msr-job 1 min) | ${msr_median} | $(( $(stat msr-job 2 max) / 1024 )) |
| MSR, extracted jar + AppCDS (as the Docker image runs it) | $(stat msr-cds-job 1 min) | ${cds_median} | $(( $(stat msr-cds-job 2 max) / 1024 )) |

| ratio (median) | value | target |
|---|---|---|
| MSR job / Flyway job | $(ratio "${msr_median}" "${flyway_median}") | <= 0.80 |
| MSR job / bare app | $(ratio "${msr_median}" "${bare_median}") | |
| MSR job with AppCDS / Flyway job | $(ratio "${cds_median}" "${flyway_median}") | |
REPORT
}

# 3. Readiness probes against a verify-mode replica of the sample app: latency at a fixed rate, and database
#    transactions per probe (the replica refreshes its cached state every 10 s; a probe should cost none).
section_probe() {
  local probe_db="bench_probe_$$" probe_port=18765 replica before after
  psql -X -q -c "drop database if exists ${probe_db}" -c "create database ${probe_db}"
  "${java_cmd}" -jar sample-app/target/sample-app.jar --spring.main.banner-mode=off --logging.level.root=warn \
    --msr.mode=migrate --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/${probe_db}" \
    --spring.datasource.username="${PGUSER}" > /dev/null
  "${java_cmd}" -jar sample-app/target/sample-app.jar --spring.main.banner-mode=off --logging.level.root=warn \
    --server.port="${probe_port}" --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/${probe_db}" \
    --spring.datasource.username="${PGUSER}" > "${work}/replica.log" 2>&1 &
  replica=$!
  until curl -fs "http://localhost:${probe_port}/actuator/health/readiness" > /dev/null; do sleep 0.5; done
  xacts() { psql -X -tAc "select xact_commit + xact_rollback from pg_stat_database where datname = '${probe_db}'"; }
  local probe_seconds="${PROBE_SECONDS:-30}" probe_p50 probe_p99 probe_requests probe_failures
  before="$(xacts)"
  read -r probe_p50 probe_p99 probe_requests probe_failures < <("${java_cmd}" -cp "${classpath}" io.msr.bench.ProbeLoad \
    "http://localhost:${probe_port}/actuator/health/readiness" 200 "${probe_seconds}")
  sleep 2  # backends publish their statistics about once a second when idle
  after="$(xacts)"
  kill "${replica}"
  wait "${replica}" || true
  psql -X -q -c "drop database ${probe_db}"
  # The replica's background refresh (every 10 s) is the only expected source of transactions.
  local probe_xacts=$((after - before))
  cat <<REPORT
## Readiness probes of a verify-mode replica (sample app), 200 requests/s for ${probe_seconds} s

$(run_line probe)

| requests | non-200 | p50 (ms) | p99 (ms) | database transactions during the load | per probe |
|---|---|---|---|---|---|
| ${probe_requests} | ${probe_failures} | ${probe_p50} | ${probe_p99} | ${probe_xacts} (background refresh) | $(ratio "${probe_xacts}" "${probe_requests}") |

Target: p99 <= 10 ms and no query per probe.
REPORT
}

# 4. Ten migrate processes racing on 100 pending migrations, against one runner alone.
mkdir -p "${work}/race"
for i in $(seq 1 100); do
  printf 'create table r_%d (id int primary key);\ninsert into r_%d values (1);\n' "${i}" "${i}" \
    > "${work}/race/V${i}_race_${i}.up.sql"
done
# The floor of the race: the same number of JVMs starting a bare Boot app at once (2 cores share them).
race() {
  local kind="$1" runners="$2" database="bench_race_$$"
  psql -X -q -c "drop database if exists ${database}" -c "create database ${database}"
  local start end pids=()
  start="$(date +%s%N)"
  for _ in $(seq 1 "${runners}"); do
    # shellcheck disable=SC2046 # jar_of gives several words on purpose
    "${java_cmd}" $(jar_of "${kind}") --spring.main.banner-mode=off \
      --logging.level.root=warn --msr.mode=migrate --msr.locations="filesystem:${work}/race" \
      --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/${database}" \
      --spring.datasource.username="${PGUSER}" > /dev/null &
    pids+=("$!")
  done
  for pid in "${pids[@]}"; do wait "${pid}"; done
  end="$(date +%s%N)"
  if [[ "${kind}" == msr* ]]; then
    local applied
    applied="$(psql -X -tAc "select count(*) from msr_schema_history" -d "${database}")"
    [[ "${applied}" == "100" ]] || { echo "race with ${runners} runners recorded ${applied} rows" >&2; exit 1; }
  fi
  psql -X -q -c "drop database ${database}"
  awk -v ns="$((end - start))" 'BEGIN { printf "%.2f", ns / 1e9 }'
}
# The coordination alone: runners racing as threads of one JVM, each with its own engine and connections; with
# "warm", one runner first applies the same migrations to a database of its own, unmeasured.
race_threads() {
  local runners="$1" database="bench_race_threads_$$" seconds warm=()
  psql -X -q -c "drop database if exists ${database}" -c "create database ${database}"
  if [[ "${2:-}" == warm ]]; then
    psql -X -q -c "drop database if exists ${database}_warm" -c "create database ${database}_warm"
    warm=("jdbc:postgresql://${PGHOST}:${PGPORT}/${database}_warm")
  fi
  seconds="$("${java_cmd}" -cp "${classpath}" io.msr.bench.RaceInProcess \
    "jdbc:postgresql://${PGHOST}:${PGPORT}/${database}" "${PGUSER}" "${work}/race" "${runners}" "${warm[@]}")"
  [[ "$(psql -X -tAc "select count(*) from msr_schema_history" -d "${database}")" == "100" ]] \
    || { echo "threads race with ${runners} runners did not apply 100 migrations once" >&2; exit 1; }
  psql -X -q -c "drop database ${database}"
  [[ "${2:-}" != warm ]] || psql -X -q -c "drop database ${database}_warm"
  echo "${seconds}"
}
section_race() {
  if [[ ! -f "${work}/cds/msr-job.jsa" ]]; then
    psql -X -q -c "drop database if exists bench_cds_$$" -c "create database bench_cds_$$"
    train_cds "bench_cds_$$"
    psql -X -q -c "drop database bench_cds_$$"
  fi
  for _ in $(seq 1 "${repetitions}"); do
    echo "$(race msr 1) 0" >> "${work}/race-1.results"
    echo "$(race msr 10) 0" >> "${work}/race-10.results"
    echo "$(race bare 10) 0" >> "${work}/race-bare-10.results"
    echo "$(race msr-cds 1) 0" >> "${work}/race-cds-1.results"
    echo "$(race msr-cds 10) 0" >> "${work}/race-cds-10.results"
    echo "$(race_threads 1) 0" >> "${work}/race-threads-1.results"
    echo "$(race_threads 10) 0" >> "${work}/race-threads-10.results"
  done
  cat <<REPORT
## Ten migrate processes racing on 100 pending migrations, against one runner (msr-job jar)

$(run_line race)

| runners | min (s) | median (s) |
|---|---|---|
| 1 | $(stat race-1 1 min) | $(stat race-1 1 median) |
| 10 at once | $(stat race-10 1 min) | $(stat race-10 1 median) |
| 10 bare Boot apps at once (JVM floor, no migration) | $(stat race-bare-10 1 min) | $(stat race-bare-10 1 median) |
| 1, extracted jar + AppCDS | $(stat race-cds-1 1 min) | $(stat race-cds-1 1 median) |
| 10 at once, extracted jar + AppCDS | $(stat race-cds-10 1 min) | $(stat race-cds-10 1 median) |
| 1 runner thread in one JVM (no JVM start in the time) | $(stat race-threads-1 1 min) | $(stat race-threads-1 1 median) |
| 10 runner threads racing in one JVM | $(stat race-threads-10 1 min) | $(stat race-threads-10 1 median) |

| ratio (median) | value | target |
|---|---|---|
| ten racing / one | $(ratio "$(stat race-10 1 median)" "$(stat race-1 1 median)") | <= 1.30 |
| ten racing / ten bare JVMs at once | $(ratio "$(stat race-10 1 median)" "$(stat race-bare-10 1 median)") | |
| ten racing / one, with AppCDS | $(ratio "$(stat race-cds-10 1 median)" "$(stat race-cds-1 1 median)") | |
| ten racing threads / one thread (coordination cost alone) | $(ratio "$(stat race-threads-10 1 median)" "$(stat race-threads-1 1 median)") | <= 1.30 |

Ten JVMs starting at once on $(nproc) cores cost ten times the CPU of one start, which no runner can hide: the
process rows measure the machine's JVM start-up, the thread rows what MSR itself adds when ten runners race: ten engines resolving and connecting at
once before the first takes the lock, then the nine others taking it one after another (about 45 ms each on this
machine) to find nothing left to do.
REPORT
}

# 5. One schema, inside one warm JVM, so that JVM start-up is out of every number: ten runner threads racing on
#    100 pending migrations against one runner; SINGLE_MIGRATIONS migrations applied by Msr.migrate() against psql
#    applying the same files (one session, one transaction per file), alternately on fresh databases; and verify
#    mode's refresh (Msr.info() on a pool of one connection) with those migrations on the classpath.
section_single_schema() {
  local files="${work}/${single_count}"
  if [[ ! -d "${files}" ]]; then
    files="${work}/single"
    mkdir -p "${files}/msr"
    : > "${files}/psql.sql"
    for i in $(seq 1 "${single_count}"); do
      printf 'create table t_%d (id bigint generated always as identity primary key, name text not null, created timestamptz not null default now());\ncreate index t_%d_name_idx on t_%d (name);\ninsert into t_%d (name) values (%s), (%s), (%s);\n' \
        "${i}" "${i}" "${i}" "${i}" "'a'" "'b'" "'c'" > "${files}/msr/V${i}_table_${i}.up.sql"
      printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "${files}/msr/V${i}_table_${i}.up.sql" >> "${files}/psql.sql"
    done
  fi
  for _ in $(seq 1 "${repetitions}"); do
    echo "$(race_threads 1 warm) 0" >> "${work}/single-race-1.results"
    echo "$(race_threads 10 warm) 0" >> "${work}/single-race-10.results"
  done
  "${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyInProcess "jdbc:postgresql://${PGHOST}:${PGPORT}/" "${PGUSER}" \
    "${files}/msr" "${files}/psql.sql" "${repetitions}" > "${work}/in-process.samples"
  awk -F'\t' '$1 == "psql" { print $2 }' "${work}/in-process.samples" > "${work}/in-process-psql.results"
  awk -F'\t' '$1 == "MSR" { print $2 }' "${work}/in-process.samples" > "${work}/in-process-msr.results"
  awk -F'\t' '$1 == "MSR-no-drift" { print $2 }' "${work}/in-process.samples" > "${work}/in-process-nodrift.results"
  # The refresh reads classpath:db/msr, MSR's default location: the same files in a folder on the classpath.
  rm -rf "${work}/classpath"
  mkdir -p "${work}/classpath/db"
  cp -r "${files}/msr" "${work}/classpath/db/msr"
  psql -X -q -c "drop database if exists bench_refresh_$$" -c "create database bench_refresh_$$"
  local refresh
  refresh="$("${java_cmd}" -cp "${work}/classpath:${classpath}" io.msr.bench.RefreshCost \
    "jdbc:postgresql://${PGHOST}:${PGPORT}/bench_refresh_$$" "${PGUSER}" "${REFRESHES:-500}")"
  psql -X -q -c "drop database bench_refresh_$$"
  local refresh_cpu refresh_process_cpu refresh_wall refresh_statements refresh_round_trips
  read -r refresh_cpu refresh_process_cpu refresh_wall refresh_statements refresh_round_trips <<< "${refresh}"
  {
    awk '{ printf "1 runner, 100 migrations\t%s\n", $1 }' "${work}/single-race-1.results"
    awk '{ printf "10 racing runners, 100 migrations\t%s\n", $1 }' "${work}/single-race-10.results"
    awk -v n="${single_count}" '{ printf "psql, %s migrations\t%s\n", n, $1 }' "${work}/in-process-psql.results"
    awk -v n="${single_count}" '{ printf "MSR, %s migrations\t%s\n", n, $1 }' "${work}/in-process-msr.results"
    awk -v n="${single_count}" '{ printf "MSR without fingerprint, %s\t%s\n", n, $1 }' \
      "${work}/in-process-nodrift.results"
  } > "${work}/single.samples"
  local race_ratio apply_ratio
  race_ratio="$(ratio "$(stat single-race-10 1 median)" "$(stat single-race-1 1 median)")"
  apply_ratio="$(ratio "$(stat in-process-msr 1 median)" "$(stat in-process-psql 1 median)")"
  cat <<REPORT
## One schema, inside one warm JVM (JVM start-up taken out)

$(run_line single-schema)

![Min and median wall time of the single-schema runs in one warm JVM](plots/single-schema-wall-time.svg)

Ten runner threads, each with its own engine and connections, racing on 100 pending migrations (each creates a
table and inserts a row) against one runner, in a JVM that applied the same migrations once before, unmeasured;
and ${single_count} migrations (each creates a table and an index and inserts three rows, as in "Apply") applied by
\`Msr.migrate()\` in a warm JVM against psql applying the same files (one session, one transaction per file, psql's
start included), alternately, each on a fresh database.

| run | min (s) | median (s) |
|---|---|---|
| 1 runner thread, 100 migrations | $(stat single-race-1 1 min) | $(stat single-race-1 1 median) |
| 10 runner threads racing, 100 migrations | $(stat single-race-10 1 min) | $(stat single-race-10 1 median) |
| psql, ${single_count} migrations | $(stat in-process-psql 1 min) | $(stat in-process-psql 1 median) |
| MSR \`migrate()\`, ${single_count} migrations | $(stat in-process-msr 1 min) | $(stat in-process-msr 1 median) |
| MSR \`migrate()\` with \`msr.drift.enabled=false\` | $(stat in-process-nodrift 1 min) | $(stat in-process-nodrift 1 median) |

| ratio | of the medians | of the mins | target |
|---|---|---|---|
| ten racing threads / one | ${race_ratio} | $(ratio "$(stat single-race-10 1 min)" "$(stat single-race-1 1 min)") | <= 1.20 |
| MSR / psql, ${single_count} migrations, JVM start-up taken out | ${apply_ratio} | $(ratio "$(stat in-process-msr 1 min)" "$(stat in-process-psql 1 min)") | <= 1.10 |
| the same without the drift fingerprint | $(ratio "$(stat in-process-nodrift 1 median)" "$(stat in-process-psql 1 median)") | $(ratio "$(stat in-process-nodrift 1 min)" "$(stat in-process-psql 1 min)") | |

Per migration MSR sends BEGIN with its timeouts and the lock check in one round trip, its statements, and its
history row with COMMIT in one: 3 + 2 round trips for these migrations of three statements, as many as psql's (BEGIN,
three statements, COMMIT); before issue #15 it took 3 + 4 (\`MigrationRoundTripsTest\` pins the count). What MSR
adds beyond that is server work (the history row, the \`pg_locks\` check) and, once per run, connecting, reading
the files, reading history under the lock and, by default, the drift fingerprint of the whole schema at the end.

### Verify mode's refresh with ${single_count} migrations on the classpath

What one refresh of a verify-mode replica costs (\`Msr.info()\`, as the starter's monitor calls it every
\`msr.verify.refresh-interval\`, on a Hikari pool of one connection), averaged over ${REFRESHES:-500} refreshes after
100 to warm up; statements and round trips are counted on the wire. Default settings: without \`msr.schema\` a
refresh asks for \`current_schema()\` before reading the history (with it set, one statement).

| CPU per refresh, calling thread (ms) | CPU per refresh, whole process (ms) | wall per refresh (ms) | statements per refresh | round trips per refresh |
|---|---|---|---|---|
| ${refresh_cpu} | ${refresh_process_cpu} | ${refresh_wall} | ${refresh_statements} | ${refresh_round_trips} |
REPORT
}

# 7. Memory: one large migration applied by the packaged migrate Job under the shipped container limits (a 512 MiB
#    pod, -XX:MaxRAMPercentage=75: a 384 MiB heap, and the serial collector the JVM picks in so small a container).
#    msr.max-migration-size is raised to 64MB so that the sizes above the default limit are measured too.
memory_limits="-XX:MaxRAM=512m -XX:MaxRAMPercentage=75"
# Writes a migration of about $2 MiB to $3 in shape $1: one multi-row INSERT, or INSERTs of 1,000 rows each.
memory_migration() {
  awk -v shape="$1" -v size="$(( $2 * 1024 * 1024 ))" 'BEGIN {
    print "create table seed (id bigint, label text);"; n = 44
    if (shape == "one-insert") { print "insert into seed (id, label) values"; n += 36 }
    for (i = 0; n < size; i++) {
      if (shape == "batches" && i % 1000 == 0) { print "insert into seed (id, label) values"; n += 36 }
      row = "(" i ", '\''row " i " of a generated seed file'\'')"
      last = n + length(row) + 2 >= size || (shape == "batches" && i % 1000 == 999)
      print row (last ? ";" : ","); n += length(row) + 2
    }
  }' > "$3"
}
# Runs one job on a fresh database; prints "exit-code peak-RSS-KiB rows".
memory_run() {
  local tool="$1" folder="$2" database="bench_memory_$$" code=0 rows
  psql -X -q -c "drop database if exists ${database}" -c "create database ${database}"
  local url="jdbc:postgresql://${PGHOST}:${PGPORT}/${database}"
  # shellcheck disable=SC2086 # the limits are several words on purpose
  case "${tool}" in
    msr) /usr/bin/time -f '%M' -o "${work}/sample" "${java_cmd}" ${memory_limits} -jar benchmarks/jobs/msr-job/target/msr-job.jar \
           --spring.main.banner-mode=off --logging.level.root=warn --msr.mode=migrate --msr.max-migration-size=64MB \
           --spring.datasource.url="${url}" --spring.datasource.username="${PGUSER}" \
           --msr.locations="filesystem:${folder}" > "${work}/memory.log" 2>&1 || code=$? ;;
    flyway) /usr/bin/time -f '%M' -o "${work}/sample" "${java_cmd}" ${memory_limits} -jar benchmarks/jobs/flyway-job/target/flyway-job.jar \
           --spring.main.banner-mode=off --logging.level.root=warn --spring.datasource.url="${url}" \
           --spring.datasource.username="${PGUSER}" --spring.flyway.locations="filesystem:${folder}" \
           > "${work}/memory.log" 2>&1 || code=$? ;;
  esac
  rows="$(psql -X -tAc "select count(*) from seed" -d "${database}" 2>/dev/null || echo 0)"
  psql -X -q -c "drop database ${database}"
  echo "${code} $(tail -1 "${work}/sample") ${rows}"
}
section_memory() {
  local rows="" size shape exit_code kib count
  for size in ${MEMORY_SIZES:-1 10 32 50}; do
    for shape in one-insert batches; do
      mkdir -p "${work}/memory/${size}-${shape}/msr" "${work}/memory/${size}-${shape}/flyway"
      memory_migration "${shape}" "${size}" "${work}/memory/${size}-${shape}/msr/V1_seed.up.sql"
      cp "${work}/memory/${size}-${shape}/msr/V1_seed.up.sql" "${work}/memory/${size}-${shape}/flyway/V1__seed.sql"
      for tool in msr flyway; do
        read -r exit_code kib count < <(memory_run "${tool}" "${work}/memory/${size}-${shape}/${tool}")
        rows+="$(printf '| %s | %s | %s | %s | %s | %s |' "${size}" "${shape}" "$(name_of "${tool}")" "${exit_code}" \
          "$(( kib / 1024 ))" "${count}")"$'\n'
      done
    done
  done
  cat <<REPORT
## Memory: one large migration, packaged migrate Job, shipped container limits

$(run_line memory)

Peak RSS (\`/usr/bin/time\` maximum resident set) of the Spring Boot migrate Job applying one migration of the size
given, under \`${memory_limits}\` (a 384 MiB heap and the serial collector, as in a 512 MiB pod): one multi-row
INSERT of the whole file (the most demanding shape: one statement the driver copies while sending it), or INSERTs of
1,000 rows. MSR runs with \`msr.max-migration-size=64MB\` here so that sizes above its default (16 MiB) are measured;
by default it refuses them at validation, exit code 2. Exit code 1 with no rows is the heap running out (MSR writes
its summary naming the migration; Flyway's job dies with a stack trace). A peak RSS near 512 MiB means that
the container itself would be at its limit.
Before issue #23 (commit 3c76941: the lint kept every token of a statement, statements were copies of their file,
the checksum normalised a copy), the process-test app under the same limits, one multi-row INSERT: 1 MiB peak
RSS 183 MiB, 10 MiB 397, 50 MiB the heap ran out (exit 1, no summary, 565); after: 166, 237, and at 50 MiB exit 1 with
the summary naming the file (527): that app's larger context leaves the driver's copies of the statement no room.
Class histograms of a 50 MiB INSERT (live heap at its peak): 397 MiB before, 263 MiB after.

| MiB | shape | job | exit code | peak RSS (MiB) | rows |
|---|---|---|---|---|---|
${rows}
REPORT
}

for section in ${all_sections}; do
  wants "${section}" || continue
  # Many schemas has a script of its own, which writes its section itself (below).
  [[ "${section}" != "tenants" ]] || continue
  begin_section
  text="$("section_${section//-/_}")"
  echo "${text}"
  write_section "${section}" "${text}"
done

if wants apply; then rm -f benchmarks/plots/apply-wall-time.svg benchmarks/plots/apply-scaling.svg; fi
if wants job; then rm -f benchmarks/plots/job-wall-time.svg; fi
if wants single-schema; then rm -f benchmarks/plots/single-schema-wall-time.svg; fi
"${java_cmd}" -cp "${classpath}" io.msr.bench.Plots "${work}/apply.samples" "${work}/job.samples" benchmarks/plots \
  "${work}/single.samples"
if wants tenants; then benchmarks/run-tenants.sh; fi
