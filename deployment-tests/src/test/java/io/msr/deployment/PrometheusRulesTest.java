package io.msr.deployment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.msr.deployment.KubernetesManifestsTest.named;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/monitoring/prometheus-rules.yaml: a Prometheus Operator PrometheusRule whose alerts read only series MSR
 * publishes (or kube-state-metrics'), each with a runbook in k8s/README.md. scripts/lint-deployment.sh runs promtool.
 */
class PrometheusRulesTest {

    private static final Pattern RUNBOOK = Pattern.compile("https://.+/k8s/README\\.md#([a-z0-9-]+)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> alerts() throws IOException {
        Manifests.Document rule = named("monitoring/prometheus-rules.yaml", "PrometheusRule");
        assertThat(rule.map()).containsEntry("apiVersion", "monitoring.coreos.com/v1");
        assertThat(rule.name()).isNotBlank();
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) rule.map().get("spec"))
                .get("groups");
        assertThat(groups).isNotEmpty().allSatisfy(group -> assertThat(group).containsKeys("name", "rules"));
        Map<String, Map<String, Object>> alerts = new TreeMap<>();
        groups.stream().flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .forEach(r -> assertThat(alerts.put(String.valueOf(r.get("alert")), r)).as("unique " + r).isNull());
        return alerts;
    }

    private static String expr(Map<String, Object> alert) {
        return String.valueOf(alert.get("expr"));
    }

    /** GitHub's anchors of the README's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(String markdown) {
        Matcher matcher = HEADING.matcher(markdown);
        Set<String> anchors = new java.util.HashSet<>();
        while (matcher.find()) {
            anchors.add(matcher.group(1).trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasASeverityASummaryADescriptionAndARunbookInTheKubernetesReadme() throws IOException {
        Set<String> anchors = anchors(Repository.read(Repository.K8S.resolve("README.md")));
        assertThat(anchors).contains("runbooks");
        alerts().forEach((name, alert) -> {
            assertThat(name).matches("Msr[A-Za-z]+");
            assertThat(alert).as(name).containsKeys("expr", "for");
            assertThat(String.valueOf(alert.get("for"))).as(name).matches("\\d+[smh]");
            assertThat(((Map<String, Object>) alert.get("labels")).get("severity")).as(name)
                    .isIn("critical", "warning");
            Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
            assertThat(annotations).as(name).containsKeys("summary", "description", "runbook_url");
            Matcher runbook = RUNBOOK.matcher(String.valueOf(annotations.get("runbook_url")));
            assertThat(runbook.matches()).as(name + " runbook_url").isTrue();
            assertThat(runbook.group(1)).as(name + ": its own runbook").isEqualTo(name.toLowerCase());
            assertThat(anchors).as(name + ": a heading in k8s/README.md").contains(runbook.group(1));
        });
    }

    @Test
    void everyAlertReadsOnlySeriesMsrPublishesOrKubeStateMetrics() throws IOException {
        alerts().forEach((name, alert) -> {
            assertThat(PublishedSeries.unknownIn(expr(alert))).as(name + ": " + expr(alert)).isEmpty();
            assertThat(PublishedSeries.metricsIn(expr(alert))).as(name).isNotEmpty();
            assertThat(PublishedSeries.deprecatedIn(expr(alert))).as(name + " reads a deprecated meter").isEmpty();
        });
    }

    @Test
    void alertsOnEveryWayAMigrationGoesWrong() throws IOException {
        Map<String, Map<String, Object>> alerts = alerts();
        assertThat(alerts).containsOnlyKeys("MsrPreDeployMigrationsPending", "MsrPostDeployMigrationsPending",
                "MsrMigrationFailed", "MsrMigrationJobFailed", "MsrVerifyRefreshFailing", "MsrLockWaitLong",
                "MsrSchemaDrift", "MsrDriftCheckFailed");
        assertThat(alerts.get("MsrPreDeployMigrationsPending")).containsEntry("for", "15m");
        assertThat(expr(alerts.get("MsrPreDeployMigrationsPending")))
                .contains("msr_migrations_pending{phase=\"pre-deploy\"}").endsWith("> 0");
        assertThat(alerts.get("MsrPostDeployMigrationsPending")).containsEntry("for", "1h");
        assertThat(expr(alerts.get("MsrPostDeployMigrationsPending")))
                .contains("msr_migrations_pending{phase=\"post-deploy\"}").endsWith("> 0");
        assertThat(expr(alerts.get("MsrMigrationFailed"))).contains("msr_migrations_failed").endsWith("> 0");
        assertThat(expr(alerts.get("MsrVerifyRefreshFailing")))
                .contains("increase(msr_verify_refresh_errors_total[").endsWith("> 0");
        assertThat(expr(alerts.get("MsrLockWaitLong"))).contains("msr_lock_acquire_seconds_max{outcome!=\"failure\"}")
                .endsWith("> 60");
        assertThat(expr(alerts.get("MsrMigrationJobFailed")))
                .as("the Job's Failed condition: failed pods count retries that later succeeded (backoffLimit 3)")
                .contains("kube_job_failed{condition=\"true\"").contains("migrations");
        assertThat(alerts.get("MsrSchemaDrift")).containsEntry("for", "10m");
        assertThat(expr(alerts.get("MsrSchemaDrift"))).contains("msr_schema_drift").endsWith("> 0");
        assertThat(expr(alerts.get("MsrDriftCheckFailed"))).contains("msr-sample-drift");
        Set<String> msrAlerts = alerts.values().stream().map(PrometheusRulesTest::expr)
                .filter(expr -> expr.contains("msr_")).collect(Collectors.toSet());
        assertThat(msrAlerts).as("per namespace and application, the dashboard's variables")
                .allSatisfy(expr -> assertThat(expr).contains("by (namespace, application)"));
    }
}
