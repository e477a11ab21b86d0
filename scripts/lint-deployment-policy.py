#!/usr/bin/env python3
"""Checks the hardening the deployment files promise (k8s/README.md#hardening), beyond their syntax.

  scripts/lint-deployment-policy.py [FILE...]

Without arguments it reads every manifest under k8s/ (the Helm templates are not plain YAML: deployment-tests renders
them and passes the result here) and the compose files under docker/. Each violation is printed as
`file: Kind name: container c: what is wrong`; the exit code is 1 when there is any.

Kubernetes, for every pod (Deployment, Job, CronJob, StatefulSet, DaemonSet, Pod):
  - automountServiceAccountToken: false, unless ALLOWED_TOKEN names the pod with the reason it calls the API;
  - runAsNonRoot and seccompProfile RuntimeDefault at pod level; in every container and init container (sidecars
    included) allowPrivilegeEscalation false, readOnlyRootFilesystem true, capabilities.drop [ALL];
  - an app container (image msr-sample) mounts an emptyDir at /tmp, where the JVM and pg_dump write;
  - an HTTP probe uses the management port (the port named `management`, equal to MANAGEMENT_SERVER_PORT);
  - a pod that mounts a Secret as files has no Secret in its environment, and no env value holds a URL with a
    password;
  - a Job's podFailurePolicy ignores DisruptionTarget, counts (retries) 7, 8 and 10 when it has retries, never fails
    at once on 10, and terminationGracePeriodSeconds is at least 30 (above MSR_SHUTDOWN_TIMEOUT).
Services never target a management port; a PodMonitor scrapes the management port; a ServiceMonitor cannot.
Compose: a service that sets MANAGEMENT_SERVER_PORT does not publish it; an msr-sample service that publishes ports
sets it (unless ALLOWED_ACTUATOR_ON_APP_PORT names the file).
"""
import glob
import os
import re
import sys

import yaml

POD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}
# (file name, kind, name) -> why the pod needs a service account token. Empty: no pod here calls the API.
ALLOWED_TOKEN = {}
# compose file names whose app keeps Actuator on the application port, and why.
ALLOWED_ACTUATOR_ON_APP_PORT = {
    "compose.dev.yaml": "development: one app on localhost, as the README's local commands expect",
}
RETRIABLE_EXIT_CODES = {7, 8, 10}
MIN_GRACE_SECONDS = 30
URL_WITH_PASSWORD = re.compile(r"://[^/:@\s]+:[^@\s]+@")

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def pod_spec(doc):
    """Returns (pod spec, job spec or None, pod template labels) of a workload."""
    kind = doc.get("kind")
    spec = doc.get("spec") or {}
    if kind == "Pod":
        return spec, None, (doc.get("metadata") or {}).get("labels") or {}
    if kind == "CronJob":
        job = ((spec.get("jobTemplate") or {}).get("spec")) or {}
        template = job.get("template") or {}
        return template.get("spec") or {}, job, (template.get("metadata") or {}).get("labels") or {}
    template = spec.get("template") or {}
    return template.get("spec") or {}, spec if kind == "Job" else None, \
        (template.get("metadata") or {}).get("labels") or {}


def management_port(container):
    """The container port named management, or None."""
    for port in container.get("ports") or []:
        if port.get("name") == "management":
            return port.get("containerPort")
    return None


def env_value(container, name):
    for env in container.get("env") or []:
        if env.get("name") == name:
            return env.get("value")
    return None


def check_container(where, container, pod, pod_volumes):
    context = container.get("securityContext") or {}
    if context.get("allowPrivilegeEscalation") is not False:
        problem(where, "securityContext.allowPrivilegeEscalation must be false")
    if context.get("readOnlyRootFilesystem") is not True:
        problem(where, "securityContext.readOnlyRootFilesystem must be true (mount an emptyDir where it writes)")
    if "ALL" not in ((context.get("capabilities") or {}).get("drop") or []):
        problem(where, 'securityContext.capabilities.drop must be ["ALL"]')
    pod_context = pod.get("securityContext") or {}
    if context.get("runAsNonRoot") is not True and pod_context.get("runAsNonRoot") is not True:
        problem(where, "runAsNonRoot must be true (in the pod's or the container's securityContext)")
    if str(container.get("image", "")).startswith("msr-sample"):
        tmp = [m for m in container.get("volumeMounts") or [] if m.get("mountPath") == "/tmp"]
        if not tmp or "emptyDir" not in pod_volumes.get(tmp[0].get("name"), {}):
            problem(where, "mounts no emptyDir at /tmp, where the JVM (and pg_dump) write on a read-only root")

    management = management_port(container)
    for probe_name in ("startupProbe", "readinessProbe", "livenessProbe"):
        http = (container.get(probe_name) or {}).get("httpGet")
        if not http:
            continue
        port = http.get("port")
        if management is None or port not in ("management", management):
            problem(where, f"{probe_name} must use the management port (a container port named management, "
                           f"set as MANAGEMENT_SERVER_PORT), not {port!r}")
    if management is not None and str(env_value(container, "MANAGEMENT_SERVER_PORT")) != str(management):
        problem(where, f"the port named management ({management}) must equal env MANAGEMENT_SERVER_PORT "
                       f"({env_value(container, 'MANAGEMENT_SERVER_PORT')})")

    files_used = any("secret" in volume for volume in pod_volumes.values())
    for env in container.get("env") or []:
        if files_used and (env.get("valueFrom") or {}).get("secretKeyRef"):
            problem(where, f"env {env.get('name')} comes from a Secret, while the pod mounts its credentials as "
                           "files: read it from the config tree instead")
        if URL_WITH_PASSWORD.search(str(env.get("value", ""))):
            problem(where, f"env {env.get('name')} holds a URL with a password")
    for source in container.get("envFrom") or []:
        if files_used and source.get("secretRef"):
            problem(where, "envFrom a Secret, while the pod mounts its credentials as files")


def check_job(where, job, pod):
    rules = (job.get("podFailurePolicy") or {}).get("rules") or []
    ignores_disruption = any(rule.get("action") == "Ignore" and any(
        condition.get("type") == "DisruptionTarget" for condition in rule.get("onPodConditions") or [])
        for rule in rules)
    if not ignores_disruption:
        problem(where, "podFailurePolicy needs the rule {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}"
                       ": a drained node must not use up the retries")
    counted = set()
    for rule in rules:
        codes = set((rule.get("onExitCodes") or {}).get("values") or [])
        if rule.get("action") == "Count":
            counted |= codes
        elif rule.get("action") in ("FailJob", "FailIndex") and 10 in codes:
            problem(where, f"podFailurePolicy {rule.get('action')}s on exit code 10, which is retriable "
                           "(SIGTERM stopped the run, the migration rolled back)")
    retries = job.get("backoffLimitPerIndex", job.get("backoffLimit", 6))
    if retries and not RETRIABLE_EXIT_CODES <= counted:
        problem(where, f"podFailurePolicy must Count exit codes {sorted(RETRIABLE_EXIT_CODES)} "
                       f"(it counts {sorted(counted)})")
    grace = pod.get("terminationGracePeriodSeconds")
    if grace is None or grace < MIN_GRACE_SECONDS:
        problem(where, f"terminationGracePeriodSeconds must be at least {MIN_GRACE_SECONDS} (it is {grace}), above "
                       "MSR_SHUTDOWN_TIMEOUT (20s by default)")


def check_workload(source, doc, allowed_token):
    kind, name = doc.get("kind"), (doc.get("metadata") or {}).get("name")
    where = f"{source}: {kind} {name}"
    pod, job, _ = pod_spec(doc)
    if pod.get("automountServiceAccountToken") is not False and (os.path.basename(source), kind, name) \
            not in allowed_token:
        problem(where, "automountServiceAccountToken must be false (or allow-listed with the reason the pod calls "
                       "the Kubernetes API)")
    pod_context = pod.get("securityContext") or {}
    if (pod_context.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
        problem(where, "securityContext.seccompProfile.type must be RuntimeDefault at pod level")
    volumes = {v.get("name"): v for v in pod.get("volumes") or []}
    for group in ("initContainers", "containers"):
        for container in pod.get(group) or []:
            check_container(f"{where}: {group[:-1]} {container.get('name')}", container, pod, volumes)
    if job is not None:
        check_job(where, job, pod)


def selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def check_services(documents):
    pods = [(pod_spec(doc)[0], pod_spec(doc)[2]) for _, doc in documents if doc.get("kind") in POD_KINDS]
    for source, doc in documents:
        kind, name = doc.get("kind"), (doc.get("metadata") or {}).get("name")
        spec = doc.get("spec") or {}
        if kind == "Service":
            management = {port for pod, labels in pods if selects(spec.get("selector"), labels)
                          for c in pod.get("containers") or [] for port in [management_port(c)] if port}
            for port in spec.get("ports") or []:
                target = port.get("targetPort", port.get("port"))
                if target == "management" or target in management:
                    problem(f"{source}: Service {name}", f"port {port.get('name')} targets the management port "
                                                         f"({target}): Actuator must not be reachable through it")
        elif kind == "PodMonitor":
            for endpoint in spec.get("podMetricsEndpoints") or []:
                if endpoint.get("port") != "management":
                    problem(f"{source}: PodMonitor {name}", f"scrapes port {endpoint.get('port')!r}: "
                                                            "/actuator/prometheus is on the port named management")
        elif kind == "ServiceMonitor":
            problem(f"{source}: ServiceMonitor {name}", "the Service exposes no management port: scrape the pods "
                                                        "with a PodMonitor (k8s/monitoring/pod-monitor.yaml)")


def published_container_ports(service):
    ports = set()
    for entry in service.get("ports") or []:
        target = entry.get("target") if isinstance(entry, dict) else str(entry).split("/")[0].split(":")[-1]
        ports.add(str(target))
    return ports


def check_compose(source, compose):
    for name, service in (compose.get("services") or {}).items():
        where = f"{source}: service {name}"
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
        management = environment.get("MANAGEMENT_SERVER_PORT")
        published = published_container_ports(service)
        if management is not None and str(management) in published:
            problem(where, f"publishes the management port {management}: Actuator must stay inside")
        if management is None and published and str(service.get("image", "")).startswith("msr-sample") \
                and os.path.basename(source) not in ALLOWED_ACTUATOR_ON_APP_PORT:
            problem(where, "publishes ports with Actuator on the application port: set MANAGEMENT_SERVER_PORT "
                           "to a port that is not published")


def main(arguments):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = arguments or sorted(
        [f for f in glob.glob(os.path.join(root, "k8s", "**", "*.yaml"), recursive=True)
         if os.sep + "helm" + os.sep not in f]
        + glob.glob(os.path.join(root, "docker", "compose*.yaml")))
    documents = []
    for file in files:
        source = os.path.relpath(file, root) if not arguments else file
        with open(file, encoding="utf-8") as stream:
            loaded = [d for d in yaml.safe_load_all(stream) if isinstance(d, dict)]
        if os.path.basename(file).startswith("compose"):
            for compose in loaded:
                check_compose(source, compose)
            continue
        documents += [(source, doc) for doc in loaded]
    for source, doc in documents:
        if doc.get("kind") in POD_KINDS:
            check_workload(source, doc, ALLOWED_TOKEN)
    check_services(documents)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} hardening violation(s) in {len(files)} file(s); k8s/README.md#hardening says why "
              "each rule holds.", file=sys.stderr)
        return 1
    print(f"Hardening: {len(files)} file(s), {len(documents)} manifest(s) comply.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
