package io.msr.deployment;

import io.kubernetes.client.openapi.models.V1Job;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static io.msr.deployment.KubernetesManifestsTest.named;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Argo CD variant (k8s/argocd): the migration Jobs as PreSync and PostSync hooks, the Secret before them. Argo
 * CD orders a sync by phase (PreSync, Sync, PostSync), then by wave, and does not start a wave before the previous
 * one is Healthy.
 */
class ArgoCdManifestsTest {

    private static final String HOOK = "argocd.argoproj.io/hook";
    private static final String WAVE = "argocd.argoproj.io/sync-wave";
    private static final String DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";

    private static int wave(Manifests.Document document) {
        return Integer.parseInt(String.valueOf(document.annotations().getOrDefault(WAVE, "0")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKustomizationHoldsTheHooksAndNotTheApplication() throws IOException {
        Manifests.Document kustomization = named("argocd/kustomization.yaml", "Kustomization");
        List<String> resources = (List<String>) kustomization.map().get("resources");
        assertThat(resources).containsExactlyInAnyOrder("secret.yaml", "migration-job.yaml",
                "migration-job-post-deploy.yaml");
        for (String resource : resources) {
            assertThat(Files.isRegularFile(Repository.K8S.resolve("argocd").resolve(resource))).as(resource).isTrue();
        }
    }

    @Test
    void theSecretIsAPreSyncHookInAnEarlierWaveThanThePreDeployJob() throws IOException {
        Manifests.Document secret = named("argocd/secret.yaml", "Secret");
        Manifests.Document preJob = named("argocd/migration-job.yaml", "Job");
        assertThat(secret.annotations()).as("a normal resource is applied in the Sync phase, after the PreSync hooks")
                .containsEntry(HOOK, "PreSync").containsEntry(DELETE_POLICY, "BeforeHookCreation");
        assertThat(wave(secret)).isLessThan(wave(preJob));
        assertThat(secret.name()).isEqualTo(preJob.job().getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret().getSecretName());
        assertThat(secret.secret().getStringData())
                .isEqualTo(named("secrets.yaml", "Secret").secret().getStringData());
    }

    @Test
    void thePreDeployJobIsAPreSyncHookAndThePostDeployJobAPostSyncHookWithoutATtl() throws IOException {
        Map<String, String> phases = Map.of("argocd/migration-job.yaml", "PreSync",
                "argocd/migration-job-post-deploy.yaml", "PostSync");
        for (Map.Entry<String, String> entry : phases.entrySet()) {
            Manifests.Document hook = named(entry.getKey(), "Job");
            assertThat(hook.annotations()).as(entry.getKey()).containsEntry(HOOK, entry.getValue())
                    .containsEntry(DELETE_POLICY, "BeforeHookCreation").containsKey(WAVE);
            assertThat(hook.job().getSpec().getTtlSecondsAfterFinished())
                    .as(entry.getKey() + ": Argo CD would see a hook deleted by its TTL as missing and run it again")
                    .isNull();
        }
        JobAssertions.assertPhase(named("argocd/migration-job.yaml", "Job").job(), "pre-deploy");
        JobAssertions.assertPhase(named("argocd/migration-job-post-deploy.yaml", "Job").job(), "post-deploy");
    }

    @Test
    void theHookJobsAreThePlainJobsButForTheHookAnnotationsAndTheTtl() throws IOException {
        Map<String, String> pairs = Map.of("argocd/migration-job.yaml", "migration-job.yaml",
                "argocd/migration-job-post-deploy.yaml", "migration-job-post-deploy.yaml");
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            V1Job hook = named(pair.getKey(), "Job").job();
            V1Job plain = named(pair.getValue(), "Job").job();
            JobAssertions.assertMigrationJob(hook);
            assertThat(JobAssertions.migrations(hook).getEnv()).as(pair.getKey() + " env")
                    .isEqualTo(JobAssertions.migrations(plain).getEnv());
            hook.getMetadata().setAnnotations(plain.getMetadata().getAnnotations());
            plain.getSpec().setTtlSecondsAfterFinished(null);
            assertThat(hook.toJson()).as(pair.getKey() + " equals " + pair.getValue()).isEqualTo(plain.toJson());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApplicationSyncsTheHooksWithThePlainDeploymentAndDriftCheck() throws IOException {
        Manifests.Document application = named("argocd/application.yaml", "Application");
        List<Map<String, Object>> sources = (List<Map<String, Object>>) ((Map<String, Object>) application.map()
                .get("spec")).get("sources");
        assertThat(sources).extracting(source -> source.get("path")).containsExactly("k8s/argocd", "k8s");
        String include = String.valueOf(((Map<String, Object>) sources.get(1).get("directory")).get("include"));
        assertThat(include).contains("deployment.yaml").contains("drift-cronjob.yaml").doesNotContain("migration-job");
        String appImage = named("deployment.yaml", "Deployment").deployment().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
        assertThat(JobAssertions.migrations(named("argocd/migration-job.yaml", "Job").job()).getImage())
                .isEqualTo(appImage);
    }
}
