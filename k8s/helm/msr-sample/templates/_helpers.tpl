{{- define "msr-sample.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "msr-sample.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "msr-sample.labels" -}}
{{ include "msr-sample.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "msr-sample.image" -}}
{{ printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end -}}

{{- define "msr-sample.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsUser }}
fsGroup: {{ .Values.securityContext.runAsUser }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- /*
The database credentials as files: the Secret's key (migration-url or app-url) becomes the file DATABASE_URL in the
config tree Spring imports (SPRING_CONFIG_IMPORT), so no container environment holds a password.
*/ -}}
{{- define "msr-sample.credentialsVolume" -}}
- name: credentials
  secret:
    secretName: {{ .root.Values.database.secretName }}
    defaultMode: 0440
    items:
      - key: {{ .key }}
        path: DATABASE_URL
{{- end -}}

{{- define "msr-sample.credentialsEnv" -}}
- name: SPRING_CONFIG_IMPORT
  value: configtree:/run/secrets/msr/
{{- end -}}

{{- define "msr-sample.credentialsMount" -}}
- name: credentials
  mountPath: /run/secrets/msr
  readOnly: true
{{- end -}}

{{- define "msr-sample.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end -}}
