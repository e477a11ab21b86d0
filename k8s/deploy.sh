#!/usr/bin/env bash
# Deploys a version as a zero-downtime (expand/contract) release, the guide's pattern 2 in three steps:
#   1. migration-job.yaml (expand): the pre-deploy migrations, while the old version still serves;
#   2. the rollout of deployment.yaml, waited for with `kubectl rollout status`;
#   3. migration-job-post-deploy.yaml (contract): the post-deploy migrations, once every replica runs the new code;
# then it points drift-cronjob.yaml at the new image.
# A step that fails stops the release with MSR's exit code and result (the termination message) and the Job's log;
# the script then exits with that exit code (1 when there is none, e.g. a failed rollout).
#   k8s/deploy.sh 1.0.1 [namespace]
set -euo pipefail

VERSION="${1:?usage: deploy.sh VERSION [NAMESPACE]}"
NAMESPACE="${2:-production}"
HERE="$(cd "$(dirname "$0")" && pwd)"
IMAGE="msr-sample:${VERSION}"
SUFFIX="${VERSION//./-}"
# Three replicas rolled one at a time (maxSurge 1, maxUnavailable 0), each within its startupProbe's 2 minutes
# plus readiness: 10 minutes covers them with a margin.
ROLLOUT_TIMEOUT="${ROLLOUT_TIMEOUT:-10m}"
# Added to a Job's activeDeadlineSeconds: the Job's own failure (with MSR's exit code) must come before ours.
JOB_WAIT_MARGIN_SECONDS=60

# Prints, for each pod of a Job, its exit code and MSR's result (or the last log lines, FallbackToLogsOnError).
job_results() {
  local terminated='.status.containerStatuses[0].state.terminated'
  kubectl get pods -n "${NAMESPACE}" -l "job-name=$1" -o jsonpath="{range .items[*]}{.metadata.name}: exit code \
{${terminated}.exitCode}{\"\\n\"}{${terminated}.message}{\"\\n\"}{end}"
}

# The exit code of the Job's last failed pod, or 1.
job_exit_code() {
  local codes
  codes="$(kubectl get pods -n "${NAMESPACE}" -l "job-name=$1" \
    -o jsonpath='{range .items[*]}{.status.containerStatuses[0].state.terminated.exitCode}{"\n"}{end}' || true)"
  codes="$(grep -Ev '^(0)?$' <<<"${codes}" | tail -1 || true)"
  echo "${codes:-1}"
}

# run_job STEP MANIFEST NAME: creates the Job of MANIFEST named NAME-<version> with the version's image and waits
# until it is complete or failed. The wait is the manifest's activeDeadlineSeconds (which covers MSR_CONNECT_WAIT,
# MSR_LOCK_WAIT_TIMEOUT and the migrations, see the manifest) plus a margin; a Job that fails stops the release.
run_job() {
  local step="$1" manifest="${HERE}/$2" name="$3"
  local job="${name}-${SUFFIX}"
  local deadline
  deadline="$(awk '/^  activeDeadlineSeconds:/ { print $2; exit }' "${manifest}")"
  local timeout_seconds=$((deadline + JOB_WAIT_MARGIN_SECONDS))

  echo "${step}: job/${job}, waiting up to ${timeout_seconds}s (activeDeadlineSeconds ${deadline} + margin)..."
  sed -e "s/^  name: ${name}$/  name: ${job}/" -e "s|image: msr-sample:.*|image: ${IMAGE}|" "${manifest}" \
    | kubectl create -n "${NAMESPACE}" -f -

  local status="" started="${SECONDS}"
  while ((SECONDS - started < timeout_seconds)); do
    if [[ "$(kubectl get "job/${job}" -n "${NAMESPACE}" \
      -o jsonpath='{.status.conditions[?(@.type=="Complete")].status}')" == "True" ]]; then
      status="succeeded"
      break
    fi
    if [[ "$(kubectl get "job/${job}" -n "${NAMESPACE}" \
      -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')" == "True" ]]; then
      status="failed"
      break
    fi
    sleep 2
  done

  if [[ "${status}" == "succeeded" ]] \
    && kubectl wait --for=condition=complete --timeout=10s "job/${job}" -n "${NAMESPACE}" >/dev/null; then
    echo "${step} succeeded:"
    job_results "${job}"
    return 0
  fi
  local code
  code="$(job_exit_code "${job}")"
  {
    echo "${step} FAILED (${status:-not finished after ${timeout_seconds}s}): job/${job}, exit code ${code}."
    echo "The Job's failure reason:"
    kubectl get "job/${job}" -n "${NAMESPACE}" \
      -o jsonpath='{range .status.conditions[?(@.type=="Failed")]}{.reason}: {.message}{"\n"}{end}' || true
    echo "MSR's result per attempt:"
    job_results "${job}" || true
    echo "The last attempt's log:"
    kubectl logs -n "${NAMESPACE}" "job/${job}" --tail=200 || true
    echo "Exit codes: 2 validation, 3 a migration failed, 7 database unreachable, 8 lock not acquired in time,"
    echo "10 interrupted by SIGTERM (the migration rolled back; safe to retry)."
    echo "To retry this step after a fix: kubectl delete job/${job} -n ${NAMESPACE}, then run deploy.sh again."
  } >&2
  exit "${code}"
}

run_job "Pre-deploy migrations (expand) for ${VERSION}" migration-job.yaml msr-sample-migrations

echo "Rolling out ${IMAGE}, waiting up to ${ROLLOUT_TIMEOUT}..."
sed -e "s|image: msr-sample:.*|image: ${IMAGE}|" "${HERE}/deployment.yaml" | kubectl apply -n "${NAMESPACE}" -f -
if ! kubectl rollout status deployment/msr-sample -n "${NAMESPACE}" --timeout="${ROLLOUT_TIMEOUT}"; then
  {
    echo "Rollout of ${IMAGE} FAILED: not every replica became ready within ${ROLLOUT_TIMEOUT}."
    echo "The post-deploy migrations were NOT run: the expanded schema still serves the previous version, so"
    echo "rolling back is safe:"
    echo "  kubectl rollout undo deployment/msr-sample -n ${NAMESPACE}"
    kubectl get pods -n "${NAMESPACE}" -l app.kubernetes.io/name=msr-sample,app.kubernetes.io/component=app || true
  } >&2
  exit 1
fi

run_job "Post-deploy migrations (contract) for ${VERSION}" migration-job-post-deploy.yaml \
  msr-sample-post-deploy-migrations
echo "Pointing the daily drift check at ${IMAGE}..."
sed -e "s|image: msr-sample:.*|image: ${IMAGE}|" "${HERE}/drift-cronjob.yaml" | kubectl apply -n "${NAMESPACE}" -f -
echo "Deployment of ${VERSION} complete."
