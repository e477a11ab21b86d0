{{- /*
A migration Job hook. Takes a dict: root (the chart's context), phase (pre-deploy or post-deploy), name (the
suffix of the Job's name), hook (Helm's hook events), weight (the hook weight), args (MSR's arguments).
*/ -}}
{{- define "msr-sample.migrationJob" -}}
{{- $root := .root -}}
{{- $m := $root.Values.migrations -}}
{{- if le (int $m.activeDeadlineSeconds) (add (int $m.connectWaitSeconds) (int $m.lockWaitSeconds)) -}}
{{- fail (printf "migrations.activeDeadlineSeconds (%v) must exceed connectWaitSeconds + lockWaitSeconds (%v + %v), or a Job waiting for the database or the lock is killed before it can say why" $m.activeDeadlineSeconds $m.connectWaitSeconds $m.lockWaitSeconds) -}}
{{- end -}}
{{- if ge (int $m.activeDeadlineSeconds) (int $m.helmTimeoutSeconds) -}}
{{- fail (printf "migrations.activeDeadlineSeconds (%v) must be below migrations.helmTimeoutSeconds (%v), the --timeout Helm waits for a hook with: Helm would give up on a Job that keeps running" $m.activeDeadlineSeconds $m.helmTimeoutSeconds) -}}
{{- end -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "msr-sample.fullname" $root }}-{{ .name }}-{{ $root.Release.Revision }}
  labels:
    {{- include "msr-sample.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .name }}
  annotations:
    "helm.sh/hook": {{ .hook }}
    "helm.sh/hook-weight": {{ .weight | quote }}
    "helm.sh/hook-delete-policy": before-hook-creation
spec:
  backoffLimit: {{ $m.backoffLimit }}
  # connectWaitSeconds + lockWaitSeconds + the migrations, below helmTimeoutSeconds (see values.yaml).
  activeDeadlineSeconds: {{ $m.activeDeadlineSeconds }}
  # A disrupted pod (node drain, preemption) does not count. 2 (validation) and 3 (migration failed) fail at once;
  # 7 (database unreachable after MSR_CONNECT_WAIT), 8 (lock busy) and 10 (SIGTERM: the migration rolled back) retry.
  podFailurePolicy:
    rules:
      - action: Ignore
        onPodConditions:
          - type: DisruptionTarget
      - action: FailJob
        onExitCodes:
          containerName: migrations
          operator: In
          values: [2, 3]
      - action: Count
        onExitCodes:
          containerName: migrations
          operator: In
          values: [7, 8, 10]
  template:
    metadata:
      labels:
        {{- include "msr-sample.selectorLabels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .name }}
    spec:
      restartPolicy: Never
      # MSR calls no Kubernetes API.
      automountServiceAccountToken: false
      # MSR_SHUTDOWN_TIMEOUT (20s by default: SIGTERM rolls the migration back, then exit 10) must stay below it.
      terminationGracePeriodSeconds: 30
      securityContext:
        {{- include "msr-sample.podSecurityContext" $root | nindent 8 }}
      containers:
        - name: migrations
          image: {{ include "msr-sample.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args: {{ toJson .args }}
          env:
            {{- include "msr-sample.credentialsEnv" $root | nindent 12 }}
            - name: MSR_LOCK_WAIT_TIMEOUT
              value: {{ printf "%ds" (int $m.lockWaitSeconds) | quote }}
            - name: MSR_CONNECT_WAIT
              value: {{ printf "%ds" (int $m.connectWaitSeconds) | quote }}
            {{- with $m.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          terminationMessagePolicy: FallbackToLogsOnError
          resources:
            {{- toYaml $m.resources | nindent 12 }}
          securityContext:
            {{- include "msr-sample.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- include "msr-sample.credentialsMount" $root | nindent 12 }}
            - name: tmp
              mountPath: /tmp
      volumes:
        {{- include "msr-sample.credentialsVolume" (dict "root" $root "key" "migration-url") | nindent 8 }}
        - name: tmp
          emptyDir: {}
{{- end -}}
