#!/usr/bin/env bash
# Deploys a version the way the guide's pattern 2 says: run the migration Job, wait for it, stop on failure
# (printing MSR's JSON result and the logs), and only then roll out the application.
#   k8s/deploy.sh 1.0.1 [namespace]
set -euo pipefail

VERSION="${1:?usage: deploy.sh VERSION [NAMESPACE]}"
NAMESPACE="${2:-production}"
HERE="$(cd "$(dirname "$0")" && pwd)"
JOB="msr-sample-migrations-${VERSION//./-}"
IMAGE="msr-sample:${VERSION}"

echo "Running migrations for version ${VERSION} as job/${JOB}..."
sed -e "s/^  name: msr-sample-migrations$/  name: ${JOB}/" -e "s|image: msr-sample:.*|image: ${IMAGE}|" \
  "${HERE}/migration-job.yaml" | kubectl create -n "${NAMESPACE}" -f -

# Wait for whichever comes first: complete or failed (activeDeadlineSeconds bounds the wait).
status=""
for _ in $(seq 1 330); do
  succeeded="$(kubectl get "job/${JOB}" -n "${NAMESPACE}" -o jsonpath='{.status.succeeded}')"
  failed_condition="$(kubectl get "job/${JOB}" -n "${NAMESPACE}" \
    -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')"
  if [[ "${succeeded}" == "1" ]]; then status="succeeded"; break; fi
  if [[ "${failed_condition}" == "True" ]]; then status="failed"; break; fi
  sleep 1
done
if [[ "${status}" == "succeeded" ]]; then
  kubectl wait --for=condition=complete --timeout=10s "job/${JOB}" -n "${NAMESPACE}" >/dev/null
fi

if [[ "$(kubectl get "job/${JOB}" -n "${NAMESPACE}" -o jsonpath='{.status.succeeded}')" == "1" ]]; then
  echo "Migrations succeeded:"
  kubectl get pods -n "${NAMESPACE}" -l "job-name=${JOB}" \
    -o jsonpath='{range .items[*]}{.status.containerStatuses[0].state.terminated.message}{"\n"}{end}'
else
  echo "Migrations failed (${status:-timed out}). MSR's result:" >&2
  kubectl get pods -n "${NAMESPACE}" -l "job-name=${JOB}" \
    -o jsonpath='{range .items[*]}{.status.containerStatuses[0].state.terminated.message}{"\n"}{end}' >&2 || true
  kubectl logs -n "${NAMESPACE}" "job/${JOB}" --tail=200 >&2 || true
  exit 1
fi

echo "Deploying the application ${IMAGE}..."
sed -e "s|image: msr-sample:.*|image: ${IMAGE}|" "${HERE}/deployment.yaml" | kubectl apply -n "${NAMESPACE}" -f -
kubectl rollout status deployment/msr-sample -n "${NAMESPACE}" --timeout=10m
echo "Deployment of ${VERSION} complete."
