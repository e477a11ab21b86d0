#!/usr/bin/env bash
# Applies the same generated migrations with MSR, with Flyway (the version Spring Boot's BOM manages) and with
# psql (the floor: one session, one transaction per file), each on a fresh database of the local PostgreSQL,
# several times side by side; prints min and median wall time (JVM start included), peak RSS and the ratios,
# writes them to benchmarks/RESULTS.md, and draws them as SVG charts in benchmarks/plots (io.msr.bench.Plots).
# The apply benchmark runs at each size of SIZES (the cost against the number of migrations); the tables and
# the other benchmarks use the largest.
#   benchmarks/run.sh            (PGHOST, PGPORT, PGUSER, SIZES="100 500 1000", REPETITIONS=3 may be set;
#                                 MIGRATIONS=N is SIZES=N)
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="-c client_min_messages=warning"
read -r -a requested <<< "${SIZES:-${MIGRATIONS:-100 500 1000}}"
sizes="$(printf '%s\n' "${requested[@]}" | sort -n -u | tr '\n' ' ')"
sizes="${sizes% }"
count="${sizes##* }"
repetitions="${REPETITIONS:-3}"
java_cmd="${JAVA_HOME:+${JAVA_HOME}/bin/}java"
started="$(date +%s)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

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

# 2. A migrate Job with nothing pending: Spring Boot jobs from JVM start to exit, on databases where the
#    same migrations are already applied by the tool itself; the floor is a Boot app that starts and exits.
psql -X -q -c "drop database if exists bench_job_msr_$$" -c "create database bench_job_msr_$$" \
  -c "drop database if exists bench_job_flyway_$$" -c "create database bench_job_flyway_$$"
"${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyWithMsr "jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_msr_$$" \
  "${PGUSER}" "${work}/msr" > /dev/null
"${java_cmd}" -cp "${classpath}" io.msr.bench.ApplyWithFlyway \
  "jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_flyway_$$" "${PGUSER}" "${work}/flyway" > /dev/null
# The MSR job also as the Docker image runs it: the extracted jar with an AppCDS archive from a training run.
"${java_cmd}" -Djarmode=tools -jar benchmarks/jobs/msr-job/target/msr-job.jar extract --destination "${work}/cds" \
  > /dev/null
"${java_cmd}" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="${work}/cds/msr-job.jsa" \
  -jar "${work}/cds/msr-job.jar" --spring.main.banner-mode=off --logging.level.root=warn --msr.mode=migrate \
  --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/bench_job_msr_$$" \
  --spring.datasource.username="${PGUSER}" --msr.locations="filesystem:${work}/msr" > /dev/null
jar_of() {
  case "$1" in
    msr-cds) echo "-XX:SharedArchiveFile=${work}/cds/msr-job.jsa -jar ${work}/cds/msr-job.jar" ;;
    *) echo "-jar benchmarks/jobs/$1-job/target/$1-job.jar" ;;
  esac
}
job() {
  local kind="$1"; shift
  # shellcheck disable=SC2046 # jar_of gives several words on purpose
  /usr/bin/time -f '%e %M' -o "${work}/sample" "${java_cmd}" $(jar_of "${kind}") \
    --spring.main.banner-mode=off --logging.level.root=warn --spring.datasource.username="${PGUSER}" "$@" > /dev/null
  tail -1 "${work}/sample" >> "${work}/${kind}-job.results"
  printf '%s\t%s\n' "$(name_of "${kind}")" "$(tail -1 "${work}/sample" | cut -d' ' -f1)" >> "${work}/job.samples"
}
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

# 4. Readiness probes against a verify-mode replica of the sample app: latency at a fixed rate, and database
#    transactions per probe (the replica refreshes its cached state every 10 s; a probe should cost none).
probe_db="bench_probe_$$"
psql -X -q -c "drop database if exists ${probe_db}" -c "create database ${probe_db}"
"${java_cmd}" -jar sample-app/target/sample-app.jar --spring.main.banner-mode=off --logging.level.root=warn \
  --msr.mode=migrate --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/${probe_db}" \
  --spring.datasource.username="${PGUSER}" > /dev/null
probe_port=18765
"${java_cmd}" -jar sample-app/target/sample-app.jar --spring.main.banner-mode=off --logging.level.root=warn \
  --server.port="${probe_port}" --spring.datasource.url="jdbc:postgresql://${PGHOST}:${PGPORT}/${probe_db}" \
  --spring.datasource.username="${PGUSER}" > "${work}/replica.log" 2>&1 &
replica=$!
until curl -fs "http://localhost:${probe_port}/actuator/health/readiness" > /dev/null; do sleep 0.5; done
xacts() { psql -X -tAc "select xact_commit + xact_rollback from pg_stat_database where datname = '${probe_db}'"; }
probe_seconds="${PROBE_SECONDS:-30}"
before="$(xacts)"
read -r probe_p50 probe_p99 probe_requests probe_failures < <("${java_cmd}" -cp "${classpath}" io.msr.bench.ProbeLoad \
  "http://localhost:${probe_port}/actuator/health/readiness" 200 "${probe_seconds}")
sleep 2  # backends publish their statistics about once a second when idle
after="$(xacts)"
kill "${replica}"
wait "${replica}" || true
psql -X -q -c "drop database ${probe_db}"
# The replica's background refresh (every 10 s) is the only expected source of transactions.
probe_xacts=$((after - before))

# 5. Ten migrate processes racing on 100 pending migrations, against one runner alone.
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
# The coordination alone: runners racing as threads of one JVM, each with its own engine and connections.
race_threads() {
  local runners="$1" database="bench_race_threads_$$" seconds
  psql -X -q -c "drop database if exists ${database}" -c "create database ${database}"
  seconds="$("${java_cmd}" -cp "${classpath}" io.msr.bench.RaceInProcess \
    "jdbc:postgresql://${PGHOST}:${PGPORT}/${database}" "${PGUSER}" "${work}/race" "${runners}")"
  [[ "$(psql -X -tAc "select count(*) from msr_schema_history" -d "${database}")" == "100" ]] \
    || { echo "threads race with ${runners} runners did not apply 100 migrations once" >&2; exit 1; }
  psql -X -q -c "drop database ${database}"
  echo "${seconds}"
}
for _ in $(seq 1 "${repetitions}"); do
  echo "$(race msr 1) 0" >> "${work}/race-1.results"
  echo "$(race msr 10) 0" >> "${work}/race-10.results"
  echo "$(race bare 10) 0" >> "${work}/race-bare-10.results"
  echo "$(race msr-cds 1) 0" >> "${work}/race-cds-1.results"
  echo "$(race msr-cds 10) 0" >> "${work}/race-cds-10.results"
  echo "$(race_threads 1) 0" >> "${work}/race-threads-1.results"
  echo "$(race_threads 10) 0" >> "${work}/race-threads-10.results"
done

stat() { sort -n -k"$2" "${work}/$1.results" | awk -v k="$2" -v want="$3" '{v[NR]=$k} END {
  if (want == "min") print v[1]; else if (want == "max") print v[NR]; else print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

msr_min="$(stat msr 1 min)"; msr_median="$(stat msr 1 median)"
flyway_min="$(stat flyway 1 min)"; flyway_median="$(stat flyway 1 median)"
psql_min="$(stat psql 1 min)"; psql_median="$(stat psql 1 median)"
msr_rss="$(stat msr 2 max)"; flyway_rss="$(stat flyway 2 max)"
job_msr_min="$(stat msr-job 1 min)"; job_msr_median="$(stat msr-job 1 median)"; job_msr_rss="$(stat msr-job 2 max)"
job_flyway_min="$(stat flyway-job 1 min)"; job_flyway_median="$(stat flyway-job 1 median)"
job_flyway_rss="$(stat flyway-job 2 max)"
job_cds_min="$(stat msr-cds-job 1 min)"; job_cds_median="$(stat msr-cds-job 1 median)"
job_cds_rss="$(stat msr-cds-job 2 max)"
job_bare_min="$(stat bare-job 1 min)"; job_bare_median="$(stat bare-job 1 median)"; job_bare_rss="$(stat bare-job 2 max)"
server="$(psql -X -tAc 'show server_version')"
flyway_version="$(find benchmarks/target/lib -name 'flyway-core-*.jar' -printf '%f' | sed 's/^flyway-core-//; s/\.jar$//')"

rm -f benchmarks/plots/*.svg
"${java_cmd}" -cp "${classpath}" io.msr.bench.Plots "${work}/apply.samples" "${work}/job.samples" benchmarks/plots
scaling_rows="$(for size in ${sizes}; do
  printf '| %s | %s | %s | %s | %s | %s |\n' "${size}" "$(stat psql-"${size}" 1 median)" \
    "$(stat flyway-"${size}" 1 median)" "$(stat msr-"${size}" 1 median)" \
    "$(ratio "$(stat msr-"${size}" 1 median)" "$(stat flyway-"${size}" 1 median)")" \
    "$(ratio "$(stat msr-"${size}" 1 median)" "$(stat psql-"${size}" 1 median)")"
done)"
minutes="$(awk -v s="$(( $(date +%s) - started ))" 'BEGIN { printf "%.1f", s / 60 }')"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

report="$(cat <<REPORT
Run of $(date -u +%Y-%m-%d): $(nproc) cores, PostgreSQL ${server}, ${repetitions} repetitions, ${minutes} min in all;
load average (1, 5, 15 min) ${load_before} at the start and ${load_after} at the end (other work on the
machine slows every tool alike, and widens the gap between min and median).

## Apply ${count} migrations to an empty database

Each migration creates a table and an index and inserts three rows. Wall time from process start to exit,
JVM start included; psql is the floor (one session, one transaction per file).

![Min and median wall time per tool, ${count} migrations](plots/apply-wall-time.svg)

| tool | min (s) | median (s) | peak RSS (MiB) |
|---|---|---|---|
| psql | ${psql_min} | ${psql_median} | |
| Flyway ${flyway_version} (Java API) | ${flyway_min} | ${flyway_median} | $((flyway_rss / 1024)) |
| MSR | ${msr_min} | ${msr_median} | $((msr_rss / 1024)) |

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

Runs against many schemas (a tenant per schema) get a chart of their own once the benchmark measures them.

## A migrate Job with nothing pending (${count} applied), Spring Boot jar from JVM start to exit

![Min and median wall time of a migrate Job with nothing pending](plots/job-wall-time.svg)

| job | min (s) | median (s) | peak RSS (MiB) |
|---|---|---|---|
| bare Spring Boot app (floor) | ${job_bare_min} | ${job_bare_median} | $((job_bare_rss / 1024)) |
| Flyway ${flyway_version} at startup | ${job_flyway_min} | ${job_flyway_median} | $((job_flyway_rss / 1024)) |
| MSR --msr.mode=migrate | ${job_msr_min} | ${job_msr_median} | $((job_msr_rss / 1024)) |
| MSR, extracted jar + AppCDS (as the Docker image runs it) | ${job_cds_min} | ${job_cds_median} | $((job_cds_rss / 1024)) |

| ratio (median) | value | target |
|---|---|---|
| MSR job / Flyway job | $(ratio "${job_msr_median}" "${job_flyway_median}") | <= 0.80 |
| MSR job / bare app | $(ratio "${job_msr_median}" "${job_bare_median}") | |
| MSR job with AppCDS / Flyway job | $(ratio "${job_cds_median}" "${job_flyway_median}") | |

## Readiness probes of a verify-mode replica (sample app), 200 requests/s for ${probe_seconds} s

| requests | non-200 | p50 (ms) | p99 (ms) | database transactions during the load | per probe |
|---|---|---|---|---|---|
| ${probe_requests} | ${probe_failures} | ${probe_p50} | ${probe_p99} | ${probe_xacts} (background refresh) | $(ratio "${probe_xacts}" "${probe_requests}") |

Target: p99 <= 10 ms and no query per probe.

## Ten migrate processes racing on 100 pending migrations, against one runner (msr-job jar)

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
)"
echo "${report}"
{
  echo "# Benchmark results"
  echo
  echo "Produced by benchmarks/run.sh; rerun it to measure your machine."
  echo
  echo "${report}"
} > benchmarks/RESULTS.md
# 6. Many schemas, a schema per tenant (TENANTS=0 skips it): its own script writes its section into RESULTS.md.
[[ "${TENANTS:-1}" == "0" ]] || benchmarks/run-tenants.sh
