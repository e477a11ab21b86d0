#!/usr/bin/env bash
# Checks docker/ and k8s/ with the tools their users run: yamllint, shellcheck and docker-compose (v1, whose
# `config -q` validates a compose file without a Docker engine). The Helm templates are not plain YAML; the
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
echo "Deployment artefacts are clean."
