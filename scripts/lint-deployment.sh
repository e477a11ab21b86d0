#!/usr/bin/env bash
# Checks docker/ and k8s/ with the tools their users run: yamllint, shellcheck, docker-compose (v1, whose
# `config -q` validates a compose file without a Docker engine) and promtool (the alert rules; skipped with a
# message where it is not installed: Debian's `prometheus` package has it, and CI installs it). The Helm templates are not plain YAML; the
# deployment-tests module renders them with Helm and checks the result.
set -euo pipefail
cd "$(dirname "$0")/.."

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
  # A PrometheusRule's spec is a Prometheus rule file; yamllint is Python, so PyYAML is there.
  python3 -c 'import sys, yaml; yaml.safe_dump(yaml.safe_load(open(sys.argv[1]))["spec"], sys.stdout)' \
    "${rules}" >"${plain}"
  promtool check rules "${plain}"
else
  echo "promtool not installed (Debian package prometheus): skipping the check of ${rules}"
fi
echo "Deployment artefacts are clean."
