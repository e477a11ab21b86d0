package io.msr.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Helm chart, linted and rendered with real Helm (in-process, no CLI). */
class HelmChartTest {

    private static final String HOOK = "helm.sh/hook";
    private static final String RENDERED_HOOK = "rendered.test/hook";
    /** Helm's default --timeout, which a user who forgets the flag gets. */
    private static final int HELM_DEFAULT_TIMEOUT_SECONDS = 300;

    private static List<Manifests.Document> render() throws IOException {
        return render(Map.of());
    }

    /**
     * Renders the chart with real Helm, hooks included, with {@code --set} values. helm-java's {@code template}
     * returns the release manifest without hooks (the CLI appends them itself), so the chart is rendered from a copy
     * whose hook annotations carry another prefix, which keeps the hooks in the manifest; the names are mapped back
     * afterwards.
     */
    static List<Manifests.Document> render(Map<String, Object> values) throws IOException {
        Path copy = Files.createTempDirectory("msr-chart");
        try (Stream<Path> files = Files.walk(Repository.CHART)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(Repository.CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(file).replace(HOOK, RENDERED_HOOK));
                }
            }
        }
        TemplateCommand template = new Helm(copy).template().withName("shop").withNamespace("production");
        values.forEach(template::set);
        return Manifests.parse("helm template", template.call().replace(RENDERED_HOOK, HOOK));
    }

    private static Manifests.Document job(List<Manifests.Document> documents, String nameSuffix) {
        return documents.stream().filter(d -> d.kind().equals("Job") && d.name().endsWith(nameSuffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no Job named *" + nameSuffix));
    }

    private static V1Job plainJob(String file) throws IOException {
        return KubernetesManifestsTest.documents().stream()
                .filter(d -> d.source().equals(file) && d.kind().equals("Job")).findFirst().orElseThrow().job();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> migrationValues() {
        Map<String, Object> values = new Yaml().load(Repository.read(Repository.CHART.resolve("values.yaml")));
        return (Map<String, Object>) values.get("migrations");
    }

    @Test
    void lintsCleanly() {
        LintResult lint = new Helm(Repository.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void rendersManifestsThatParseStrictly() throws IOException {
        List<Manifests.Document> documents = render();
        assertThat(documents).extracting(Manifests.Document::kind).contains("Job", "Deployment", "Service");
        documents.forEach(Manifests::validateStrictly);
    }

    @Test
    void runsThePreDeployMigrationsAsAPreInstallAndPreUpgradeHookWithTheSamePolicyAsThePlainJob() throws IOException {
        Manifests.Document hook = job(render(), "-migrations-1");
        assertThat(hook.name()).isEqualTo("shop-msr-sample-migrations-1");
        assertThat(hook.annotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-weight", "-5")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation");
        V1Job helmJob = hook.job();
        JobAssertions.assertMigrationJob(helmJob);
        JobAssertions.assertPhase(helmJob, "pre-deploy");
        V1Job plainJob = plainJob("migration-job.yaml");
        assertThat(JobAssertions.exitCodePolicy(helmJob)).isEqualTo(JobAssertions.exitCodePolicy(plainJob));
        assertThat(JobAssertions.migrations(helmJob).getImage()).isEqualTo(JobAssertions.migrations(plainJob).getImage());
    }

    @Test
    void runsThePostDeployMigrationsAsAPostInstallAndPostUpgradeHookLikeThePreDeployOne() throws IOException {
        List<Manifests.Document> documents = render();
        Manifests.Document post = job(documents, "-post-deploy-migrations-1");
        Manifests.Document pre = job(documents, "-msr-sample-migrations-1");
        assertThat(post.annotations()).containsEntry("helm.sh/hook", "post-install,post-upgrade")
                .containsEntry("helm.sh/hook-weight", "5")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation");
        V1Job postJob = post.job();
        JobAssertions.assertMigrationJob(postJob);
        JobAssertions.assertPhase(postJob, "post-deploy");
        V1Job preJob = pre.job();
        assertThat(JobAssertions.migrations(postJob).getEnv()).isEqualTo(JobAssertions.migrations(preJob).getEnv());
        assertThat(JobAssertions.exitCodePolicy(postJob)).isEqualTo(JobAssertions.exitCodePolicy(preJob));
        assertThat(postJob.getSpec().getActiveDeadlineSeconds()).isEqualTo(preJob.getSpec().getActiveDeadlineSeconds());
        assertThat(postJob.getSpec().getTtlSecondsAfterFinished()).as("hooks are deleted by Helm, not by a TTL").isNull();

        assertThat(render(Map.of("migrations.postDeploy.enabled", false)))
                .filteredOn(d -> d.kind().equals("Job")).extracting(Manifests.Document::name)
                .containsExactly("shop-msr-sample-migrations-1");
    }

    @Test
    void keepsActuatorOnTheManagementPortThatOnlyTheProbesAndThePodMonitorUse() throws IOException {
        List<Manifests.Document> documents = render(Map.of("metrics.podMonitor.enabled", true));
        V1Container app = documents.stream()
                .filter(d -> d.kind().equals("Deployment")).findFirst().orElseThrow().deployment().getSpec()
                .getTemplate().getSpec().getContainers().get(0);
        KubernetesManifestsTest.assertProbesUseTheManagementPort("helm deployment", app);
        assertThat(documents.stream().filter(d -> d.kind().equals("Service")).findFirst().orElseThrow().map()
                .toString()).contains("targetPort=http").doesNotContain("management");
        assertThat(documents.stream().filter(d -> d.kind().equals("PodMonitor")).findFirst().orElseThrow().map()
                .toString()).contains("port=management").contains("path=/actuator/prometheus");
        assertThat(render()).extracting(Manifests.Document::kind).doesNotContain("PodMonitor");
    }

    @Test
    void keepsTheJobDeadlineBelowTheHelmTimeoutThatTheValuesAndTheReadmeTellUsersToPass() throws IOException {
        Map<String, Object> values = migrationValues();
        int helmTimeout = (Integer) values.get("helmTimeoutSeconds");
        String command = "--wait --timeout " + helmTimeout + "s";
        for (Manifests.Document job : render().stream().filter(d -> d.kind().equals("Job")).toList()) {
            long deadline = job.job().getSpec().getActiveDeadlineSeconds();
            assertThat(deadline).as(job.name() + " activeDeadlineSeconds")
                    .isEqualTo(((Integer) values.get("activeDeadlineSeconds")).longValue())
                    .isLessThan(helmTimeout).isLessThan(HELM_DEFAULT_TIMEOUT_SECONDS);
            assertThat(deadline).isEqualTo((Integer) values.get("connectWaitSeconds")
                    + (Integer) values.get("lockWaitSeconds") + 60L);
        }
        assertThat(Repository.read(Repository.CHART.resolve("values.yaml"))).contains(command);
        assertThat(Repository.read(Repository.K8S.resolve("README.md"))).contains(command);
    }

    @Test
    void refusesToRenderADeadlineThatHelmWouldNotWaitForOrThatTheWaitsWouldExhaust() {
        assertThatThrownBy(() -> render(Map.of("migrations.activeDeadlineSeconds", 300)))
                .hasMessageContaining("must be below migrations.helmTimeoutSeconds");
        assertThatThrownBy(() -> render(Map.of("migrations.lockWaitSeconds", 180)))
                .hasMessageContaining("must exceed connectWaitSeconds + lockWaitSeconds");
    }

    @Test
    void readsAnExistingSecretByDefaultAndCreatesItAsAHookBeforeTheMigrationJobWhenAsked() throws IOException {
        assertThat(render()).extracting(Manifests.Document::kind).doesNotContain("Secret");

        List<Manifests.Document> documents = render(Map.of("database.createSecret", true,
                "database.migrationUrl", "postgres://migration_user:x@db:5432/app",
                "database.appUrl", "postgres://app_user:x@db:5432/app"));
        Manifests.Document secret = documents.stream().filter(d -> d.kind().equals("Secret")).findFirst().orElseThrow();
        Manifests.Document preJob = job(documents, "-msr-sample-migrations-1");
        assertThat(secret.annotations()).as("a normal resource would be installed only after the pre-install hooks")
                .containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation");
        assertThat(Integer.parseInt((String) secret.annotations().get("helm.sh/hook-weight")))
                .isLessThan(Integer.parseInt((String) preJob.annotations().get("helm.sh/hook-weight")));
        assertThat(secret.secret().getStringData()).containsOnlyKeys("migration-url", "app-url");
        String secretName = secret.name();
        Map<String, Object> refs = Map.of("pre", preJob.map(), "post", job(documents, "-post-deploy-migrations-1").map(),
                "deployment", documents.stream().filter(d -> d.kind().equals("Deployment")).findFirst().orElseThrow().map());
        refs.forEach((what, manifest) -> assertThat(manifest.toString()).as(what + " reads the Secret the chart created")
                .contains("secret={secretName=" + secretName + ","));

        assertThatThrownBy(() -> render(Map.of("database.createSecret", true)))
                .hasMessageContaining("database.migrationUrl is required");
    }
}
