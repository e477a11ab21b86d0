#!/usr/bin/env python3
"""Renders the four migration Jobs from their one source, k8s/migration-job.yaml.tmpl.

The pre-deploy and post-deploy Jobs that deploy.sh applies (k8s/migration-job.yaml, k8s/migration-job-post-deploy.yaml)
and the same two as Argo CD hooks (k8s/argocd/) differ only in their names, the phase, the hook annotations and the TTL;
everything else (limits, exit codes, security, credentials) is written once, in the template. The committed files stay
plain manifests that `kubectl apply -f` takes as they are; this script is only for changing them.

  scripts/render-jobs.py           writes the four files
  scripts/render-jobs.py --check   writes nothing; exits 1 with a diff when a committed file differs from its rendering
                                   (scripts/lint-deployment.sh runs it, and so does CI)

Standard library only. In the template, ${name} is replaced by the value of `name` for the Job being rendered; a line
that holds only a placeholder is replaced by the value's lines (none for an empty value); lines starting with `##` are
the template's own comments and are left out.
"""
import difflib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE = os.path.join("k8s", "migration-job.yaml.tmpl")
GENERATED = "# Rendered from k8s/migration-job.yaml.tmpl by scripts/render-jobs.py: change the template, not this file."

PRE_DEPLOY = {
    "name": "msr-sample-migrations",
    "component": "migrations",
    "args": '["--msr.mode=migrate"]',
    "exit_codes_note": """\
  # Exit codes of msr.mode=migrate: 2 (validation) and 3 (a migration failed) will fail again on retry, so the
  # Job fails at once; 7 (database unreachable) and 8 (lock not acquired in time) count against backoffLimit.""",
}
POST_DEPLOY = {
    "name": "msr-sample-post-deploy-migrations",
    "component": "post-deploy-migrations",
    "args": '["--msr.mode=migrate", "--msr.phase=post-deploy"]',
    "exit_codes_note": """\
  # Exit codes of msr.mode=migrate: 2 (validation, or pre-deploy migrations still pending: the pre-deploy Job has
  # not run) and 3 (a migration failed) will fail again on retry, so the Job fails at once; 7 (database
  # unreachable) and 8 (lock not acquired in time) count against backoffLimit.""",
}
# What deploy.sh applies: no hook, a TTL that cleans the finished Job up.
PLAIN = {
    "annotations": "",
    "deadline_note": "  # deploy.sh waits this long plus a margin.",
    "ttl": "  ttlSecondsAfterFinished: 86400",
}


def argocd(hook):
    """An Argo CD hook: the hook annotations, no TTL."""
    return {
        "annotations": f"""\
  annotations:
    argocd.argoproj.io/hook: {hook}
    argocd.argoproj.io/sync-wave: "0"
    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation""",
        "deadline_note": "  # Argo CD does not time a hook out by default: this bounds it.",
        "ttl": """\
  # No ttlSecondsAfterFinished: Argo CD would see the hook vanish and run it again (or show the app out of sync).
  # BeforeHookCreation deletes the previous release's Job just before the next sync creates it again.""",
    }


JOBS = {
    os.path.join("k8s", "migration-job.yaml"): {**PRE_DEPLOY, **PLAIN, "header": """\
# The migration Job (pattern 2 of the deployment guide, recommended for production): runs once per release,
# before the Deployment is updated. deploy.sh suffixes the name with the version (msr-sample-migrations-1-0-0).
# It is the expand step: msr.mode=migrate applies the pre-deploy migrations only (msr.phase defaults to
# pre-deploy); the post-deploy ones wait for migration-job-post-deploy.yaml, after the rollout."""},
    os.path.join("k8s", "migration-job-post-deploy.yaml"): {**POST_DEPLOY, **PLAIN, "header": """\
# The post-deploy migration Job, the contract step of a zero-downtime release: runs once per release after every
# replica runs the new version (deploy.sh starts it after `kubectl rollout status`), and applies the migrations
# marked `-- msr:phase=post-deploy` (dropping what the old version still used). It mirrors migration-job.yaml;
# deploy.sh suffixes the name with the version (msr-sample-post-deploy-migrations-1-0-0)."""},
    os.path.join("k8s", "argocd", "migration-job.yaml"): {**PRE_DEPLOY, **argocd("PreSync"), "header": """\
# The pre-deploy migration Job (expand) as an Argo CD PreSync hook: it runs before the Sync phase applies the new
# Deployment, and a failure stops the sync there, with the old version still serving. The same Job as
# ../migration-job.yaml (the tests hold them equal), without the TTL."""},
    os.path.join("k8s", "argocd", "migration-job-post-deploy.yaml"): {
        **POST_DEPLOY, **argocd("PostSync"), "header": """\
# The post-deploy migration Job (contract) as an Argo CD PostSync hook: Argo CD runs it only after the Sync phase
# succeeded and every synced resource is Healthy, i.e. after the rollout finished with all replicas ready. The same
# Job as ../migration-job-post-deploy.yaml (the tests hold them equal), without the TTL."""},
}

PLACEHOLDER = re.compile(r"\$\{([a-z_]+)\}")


def render(template, values):
    out = []
    for line in template.splitlines():
        if line.startswith("##"):
            continue
        whole = PLACEHOLDER.fullmatch(line)
        if whole:
            value = values[whole.group(1)]
            out.extend(value.splitlines())
            continue
        out.append(PLACEHOLDER.sub(lambda m: values[m.group(1)], line))
    header_end = next(i for i, line in enumerate(out) if not line.startswith("#"))
    out.insert(header_end, GENERATED)
    return "\n".join(out) + "\n"


def main(arguments):
    check = arguments == ["--check"]
    if arguments and not check:
        print(__doc__, file=sys.stderr)
        return 2
    with open(os.path.join(ROOT, TEMPLATE), encoding="utf-8") as file:
        template = file.read()
    stale = []
    for path, values in JOBS.items():
        rendered = render(template, values)
        full = os.path.join(ROOT, path)
        if check:
            with open(full, encoding="utf-8") as file:
                committed = file.read()
            if committed != rendered:
                stale.append(path)
                sys.stdout.writelines(difflib.unified_diff(committed.splitlines(True), rendered.splitlines(True),
                                                           path + " (committed)", path + " (rendered)"))
        else:
            with open(full, "w", encoding="utf-8") as file:
                file.write(rendered)
            print(f"wrote {path}")
    if stale:
        print(f"{len(stale)} Job manifest(s) differ from {TEMPLATE}: {', '.join(stale)}. Change the template (or what "
              "scripts/render-jobs.py fills in) and run scripts/render-jobs.py; never edit the rendered files.",
              file=sys.stderr)
        return 1
    if check:
        print(f"Job manifests: the {len(JOBS)} rendered from {TEMPLATE} are as committed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
