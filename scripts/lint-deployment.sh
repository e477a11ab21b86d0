#!/usr/bin/env bash
# Checks docker/ and k8s/ with the tools their users run: yamllint, shellcheck, docker-compose (v1, whose
# `config -q` validates a compose file without a Docker engine) and promtool (the alert rules; skipped with a
# message where it is not installed: Debian's `prometheus` package has it, and CI installs it). The Helm templates are not plain YAML; the
# deployment-tests module renders them with Helm and checks the result.
# Then the hardening, beyond syntax (scripts/lint-deployment-policy.py, k8s/README.md#hardening): no service account
# token, a securityContext on every container, Actuator on a management port no Service exposes, credentials as
# files, the Jobs' exit codes and grace period. A broken fixture proves the check still rejects what it must.
# And one source: the four migration Jobs must be what scripts/render-jobs.py renders from k8s/migration-job.yaml.tmpl.
# Missing linters and PyYAML are installed from Debian's packages, as .ci/run does.
set -euo pipefail
cd "$(dirname "$0")/.."

# A Python that has PyYAML: Debian's (python3-yaml), else the first python3 on PATH.
python_with_yaml() {
  local candidate
  for candidate in /usr/bin/python3 python3; do
    if command -v "${candidate}" >/dev/null && "${candidate}" -c 'import yaml' 2>/dev/null; then
      echo "${candidate}"
      return 0
    fi
  done
  return 1
}

if ! command -v yamllint >/dev/null || ! command -v shellcheck >/dev/null || ! command -v docker-compose >/dev/null \
    || ! python_with_yaml >/dev/null; then
  echo "Installing the linters (Debian packages yamllint shellcheck docker-compose python3-yaml)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends yamllint shellcheck docker-compose python3-yaml
fi
python="$(python_with_yaml)"

echo "yamllint: docker/ k8s/"
yamllint -c .yamllint.yaml docker/ k8s/

scripts=()
while IFS= read -r -d '' script; do scripts+=("${script}"); done \
  < <(find docker k8s scripts benchmarks -name '*.sh' -print0)
echo "shellcheck: ${scripts[*]}"
shellcheck "${scripts[@]}"

export POSTGRES_PASSWORD=lint MIGRATION_PASSWORD=lint APP_PASSWORD=lint
export MIGRATION_DATABASE_URL=postgres://lint@db/app APP_DATABASE_URL=postgres://lint@db/app
for compose in docker/compose*.yaml; do
  echo "docker-compose config: ${compose}"
  docker-compose -f "${compose}" config -q
done
rules=k8s/monitoring/prometheus-rules.yaml
if command -v promtool >/dev/null; then
  echo "promtool check rules: ${rules} (its spec)"
  plain=$(mktemp)
  trap 'rm -f "${plain}"' EXIT
  # A PrometheusRule's spec is a Prometheus rule file.
  "${python}" -c 'import sys, yaml; yaml.safe_dump(yaml.safe_load(open(sys.argv[1]))["spec"], sys.stdout)' \
    "${rules}" >"${plain}"
  promtool check rules "${plain}"
else
  echo "promtool not installed (Debian package prometheus): skipping the check of ${rules}"
fi

echo "one source: the migration Jobs against k8s/migration-job.yaml.tmpl"
"${python}" scripts/render-jobs.py --check

echo "hardening: k8s/ docker/"
"${python}" scripts/lint-deployment-policy.py
fixture=deployment-tests/src/test/resources/policy/violations.yaml
echo "hardening self-test: ${fixture} must be rejected"
if report="$("${python}" scripts/lint-deployment-policy.py "${fixture}" 2>&1)"; then
  echo "The hardening check passed ${fixture}, which breaks every rule: the check is broken." >&2
  exit 1
fi
for expected in "Job bad-job: automountServiceAccountToken" "Job bad-job: initContainer sidecar: securityContext" \
    "Job bad-job: podFailurePolicy must Count exit codes" "Job bad-job: terminationGracePeriodSeconds" \
    "Job bad-job: container migrations: env DATABASE_URL comes from a Secret" \
    "Deployment bad-app: container app: readinessProbe must use the management port" \
    "Service bad-service: port actuator targets the management port"; do
  if ! grep -qF "${fixture}: ${expected}" <<<"${report}"; then
    echo "The hardening check did not report '${expected}' for ${fixture}; it said:" >&2
    echo "${report}" >&2
    exit 1
  fi
done
echo "Deployment artefacts are clean."
