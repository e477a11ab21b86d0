package io.msr.deployment;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesManifestsTest {

    static List<Manifests.Document> documents() throws IOException {
        List<Manifests.Document> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repository.K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.startsWith(Repository.K8S.resolve("helm")))
                    .sorted().toList()) {
                documents.addAll(Manifests.parse(Repository.K8S.relativize(file).toString(), Repository.read(file)));
            }
        }
        return documents;
    }

    static Manifests.Document named(String file, String kind) throws IOException {
        return documents().stream().filter(d -> d.source().equals(file) && d.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/" + file));
    }

    @Test
    void everyManifestParsesStrictlyAgainstTheKubernetesApiModel() throws IOException {
        List<Manifests.Document> documents = documents();
        assertThat(documents).extracting(Manifests.Document::kind).contains("Job", "Deployment", "Service", "Secret");
        for (Manifests.Document document : documents) {
            if (!Manifests.validateStrictly(document)) {
                assertThat(document.kind()).as(document.source() + ": custom resources, checked by their own tests")
                        .isIn("ExternalSecret", "Application", "Kustomization", "PrometheusRule", "PodMonitor");
            }
        }
    }

    @Test
    void theStrictParserRejectsUnknownFieldsAndWrongTypes() {
        String job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n"
                + "      containers:\n        - name: c\n          image: i\n";
        assertThat(Manifests.validateStrictly(Manifests.parse("ok", job).get(0))).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Manifests.validateStrictly(
                Manifests.parse("typo", job.replace("spec:\n  template", "spec:\n  backofLimit: 3\n  template")).get(0)))
                .hasMessageContaining("backofLimit");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Manifests.validateStrictly(
                Manifests.parse("type", job.replace("image: i", "image: i\n          ports: 8080")).get(0)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void theMigrationJobFailsFastOnValidationAndMigrationErrorsAndRetriesTheRest() throws IOException {
        V1Job job = named("migration-job.yaml", "Job").job();
        JobAssertions.assertMigrationJob(job);
        JobAssertions.assertPhase(job, "pre-deploy");
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300);
    }

    @Test
    void thePostDeployJobMirrorsTheMigrationJobButAppliesThePostDeployPhase() throws IOException {
        V1Job pre = named("migration-job.yaml", "Job").job();
        V1Job post = named("migration-job-post-deploy.yaml", "Job").job();
        JobAssertions.assertMigrationJob(post);
        JobAssertions.assertPhase(post, "post-deploy");
        assertThat(post.getMetadata().getName()).isEqualTo("msr-sample-post-deploy-migrations");
        assertThat(JobAssertions.migrations(post).getEnv()).isEqualTo(JobAssertions.migrations(pre).getEnv());
        assertThat(JobAssertions.migrations(post).getImage()).isEqualTo(JobAssertions.migrations(pre).getImage());
        assertThat(JobAssertions.exitCodePolicy(post)).isEqualTo(JobAssertions.exitCodePolicy(pre));
        assertThat(post.getSpec().getActiveDeadlineSeconds()).isEqualTo(pre.getSpec().getActiveDeadlineSeconds());
        assertThat(post.getSpec().getTtlSecondsAfterFinished()).isEqualTo(pre.getSpec().getTtlSecondsAfterFinished());
    }

    @Test
    void theTenantsIndexedJobRunsOneShardPerIndexWithTheMigrationJobsPodsAndFailsOnlyTheFailingShard()
            throws IOException {
        V1Job pre = named("migration-job.yaml", "Job").job();
        V1Job tenants = named("tenants-indexed-job.yaml", "Job").job();
        JobAssertions.assertShardedMigrationJob(tenants);
        JobAssertions.assertPhase(tenants, "pre-deploy");
        V1Container container = JobAssertions.migrations(tenants);
        assertThat(container.getImage()).isEqualTo(JobAssertions.migrations(pre).getImage());
        assertThat(container.getEnv()).containsAll(JobAssertions.migrations(pre).getEnv());
        assertThat(container.getSecurityContext()).isEqualTo(JobAssertions.migrations(pre).getSecurityContext());
        assertThat(container.getResources()).isEqualTo(JobAssertions.migrations(pre).getResources());
        assertThat(tenants.getSpec().getTemplate().getSpec().getSecurityContext())
                .isEqualTo(pre.getSpec().getTemplate().getSpec().getSecurityContext());
        assertThat(tenants.getSpec().getActiveDeadlineSeconds()).as("a shard has more schemas than the one Job")
                .isGreaterThanOrEqualTo(pre.getSpec().getActiveDeadlineSeconds());
        assertThat(tenants.getSpec().getTtlSecondsAfterFinished()).isEqualTo(pre.getSpec().getTtlSecondsAfterFinished());
        assertThat(tenants.getMetadata().getName()).isNotEqualTo(pre.getMetadata().getName());
    }

    @Test
    void theDeploymentsProbeTheAppsRealEndpointsAndRollWithoutLosingCapacity() throws IOException {
        String application = Repository.read(Repository.ROOT.resolve("sample-app/src/main/resources/application.yaml"));
        assertThat(application).contains("probes:").contains("enabled: true").contains("include: readinessState,msr");
        for (String file : List.of("deployment.yaml", "deployment-init-container.yaml")) {
            V1Deployment deployment = named(file, "Deployment").deployment();
            V1Container app = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                    .filter(c -> "app".equals(c.getName())).findFirst().orElseThrow();
            assertThat(app.getReadinessProbe().getHttpGet().getPath()).as(file).isEqualTo("/actuator/health/readiness");
            assertThat(app.getLivenessProbe().getHttpGet().getPath()).as(file).isEqualTo("/actuator/health/liveness");
            assertThat(app.getStartupProbe()).as(file + " startupProbe").isNotNull();
            assertThat(app.getPorts()).anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
            assertProbesUseTheManagementPort(file, app);
            V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(JobAssertions.credentialFile(pod, app, "DATABASE_URL")).isEqualTo("app-url");
            assertThat(pod.getAutomountServiceAccountToken()).as(file + ": the app calls no Kubernetes API").isFalse();
            assertThat(app.getResources().getLimits()).containsKeys("memory", "cpu");
            assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().toString()).isEqualTo("1");
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().toString()).isEqualTo("0");
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        }
        V1PodSpec initPod = named("deployment-init-container.yaml", "Deployment").deployment().getSpec().getTemplate()
                .getSpec();
        V1Container init = initPod.getInitContainers().get(0);
        assertThat(init.getArgs()).containsExactly("--msr.mode=migrate");
        assertThat(JobAssertions.credentialFile(initPod, init, "DATABASE_URL")).isEqualTo("migration-url");
        assertThat(JobAssertions.duration(JobAssertions.env(init, "MSR_CONNECT_WAIT"))).isPositive();
    }

    @Test
    void theWaitOnStartDeploymentGivesItsStartupProbeTheWaitPlusTheJvmsStart() throws IOException {
        V1Deployment deployment = named("deployment-wait-on-start.yaml", "Deployment").deployment();
        V1Container app = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> "app".equals(c.getName())).findFirst().orElseThrow();
        String wait = env(app).stream().filter(e -> "MSR_VERIFY_WAIT_ON_START".equals(e.getName())).findFirst()
                .orElseThrow().getValue();
        long waitSeconds = java.time.Duration.parse("PT" + wait.toUpperCase(java.util.Locale.ROOT)).toSeconds();
        long startupBudget = (long) app.getStartupProbe().getPeriodSeconds() * app.getStartupProbe().getFailureThreshold();
        assertThat(startupBudget).as("startupProbe periodSeconds x failureThreshold").isGreaterThanOrEqualTo(waitSeconds + 120);
        assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(JobAssertions.credentialFile(deployment.getSpec().getTemplate().getSpec(), app, "DATABASE_URL"))
                .isEqualTo("app-url");
        assertProbesUseTheManagementPort("deployment-wait-on-start.yaml", app);
        assertThat(app.getArgs()).as("verify mode: it never migrates").isNullOrEmpty();
    }

    /**
     * Actuator listens on its own port (MANAGEMENT_SERVER_PORT, the container port named management): every probe
     * uses it, and the sample app's own configuration keeps the default (one port) for local runs.
     */
    static void assertProbesUseTheManagementPort(String file, V1Container app) {
        V1ContainerPort management = app.getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(file + ": no container port named management"));
        assertThat(JobAssertions.env(app, "MANAGEMENT_SERVER_PORT")).isEqualTo(String.valueOf(management.getContainerPort()));
        assertThat(management.getContainerPort()).isNotEqualTo(8080);
        for (V1Probe probe : List.of(app.getStartupProbe(), app.getReadinessProbe(), app.getLivenessProbe())) {
            assertThat(probe.getHttpGet().getPort().toString()).as(file + " probe port").isEqualTo("management");
        }
    }

    @Test
    void theServiceExposesOnlyTheApplicationPortAndPrometheusScrapesTheManagementPort() throws IOException {
        V1Service service = named("deployment.yaml", "Service").service();
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getTargetPort().toString()).isEqualTo("http"));
        String application = Repository.read(Repository.ROOT.resolve("sample-app/src/main/resources/application.yaml"));
        assertThat(application).as("locally Actuator stays on 8080, as the README's curl commands expect")
                .doesNotContainPattern("(?m)^management:(\\n .*)*\\n  server:").contains("port: 8080");
        Manifests.Document monitor = named("monitoring/pod-monitor.yaml", "PodMonitor");
        assertThat(monitor.map().toString()).contains("port=management").contains("path=/actuator/prometheus");
    }

    @Test
    void secretKeysMatchBetweenTemplatesAndTheirUsers() throws IOException {
        Set<String> provided = new TreeSet<>(named("secrets.yaml", "Secret").secret().getStringData().keySet());
        assertThat(provided).containsExactly("app-url", "drift-url", "migration-url");
        for (String value : named("secrets.yaml", "Secret").secret().getStringData().values()) {
            assertThat(value).as("the template holds placeholders only").contains("CHANGE_ME");
        }
        Set<String> used = new TreeSet<>();
        for (Manifests.Document document : documents()) {
            collectSecretKeys(document.map(), used);
        }
        assertThat(provided).containsAll(used);
        Manifests.Document external = named("external-secret.yaml", "ExternalSecret");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) ((Map<String, Object>) external.map().get("spec")).get("data");
        assertThat(data).extracting(entry -> entry.get("secretKey")).containsExactlyInAnyOrderElementsOf(provided);
    }

    @Test
    void theDeployScriptRunsThePreDeployJobThenTheRolloutThenThePostDeployJobAndStopsOnFailure() {
        String script = Repository.read(Repository.K8S.resolve("deploy.sh"));
        assertThat(script).contains("set -euo pipefail").contains("kubectl wait")
                .contains("activeDeadlineSeconds").contains("--timeout=\"${ROLLOUT_TIMEOUT}\"")
                .contains("state.terminated").contains(".exitCode}").contains(".message}").contains("exit \"${code}\"");
        int pre = script.indexOf("run_job \"Pre-deploy");
        int rollout = script.indexOf("if ! kubectl rollout status");
        int post = script.indexOf("run_job \"Post-deploy");
        assertThat(pre).as("the pre-deploy Job runs").isPositive();
        assertThat(rollout).as("the rollout waits for the pre-deploy Job").isGreaterThan(pre);
        assertThat(post).as("the post-deploy Job waits for the rollout").isGreaterThan(rollout);
        assertThat(script.substring(pre, post)).contains("migration-job.yaml").doesNotContain("post-deploy.yaml");
        assertThat(script.substring(post)).contains("migration-job-post-deploy.yaml");
        assertThat(script.substring(rollout, post)).as("a failed rollout stops before the contract step").contains("exit 1");
    }

    @SuppressWarnings("unchecked")
    static void collectSecretKeys(Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            Object ref = map.get("secretKeyRef");
            if (ref instanceof Map<?, ?> secretRef && "db-credentials".equals(secretRef.get("name"))) {
                keys.add(String.valueOf(secretRef.get("key")));
            }
            Object volume = map.get("secret");
            if (volume instanceof Map<?, ?> secret && "db-credentials".equals(secret.get("secretName"))
                    && secret.get("items") instanceof List<?> items) {
                items.forEach(item -> keys.add(String.valueOf(((Map<?, ?>) item).get("key"))));
            }
            map.values().forEach(value -> collectSecretKeys(value, keys));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectSecretKeys(value, keys));
        }
    }

    static String image(V1Container container) {
        return container.getImage();
    }

    static List<V1EnvVar> env(V1Container container) {
        return container.getEnv();
    }
}
