package io.msr.deployment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four migration Jobs (k8s/migration-job.yaml, k8s/migration-job-post-deploy.yaml and their Argo CD hooks) are
 * what scripts/render-jobs.py renders from their one source, k8s/migration-job.yaml.tmpl: so a change made to one
 * committed Job and not to the template fails the build, as it fails scripts/lint-deployment.sh in CI.
 */
class JobManifestsSourceTest {

    private static final List<String> JOBS = List.of("k8s/migration-job.yaml", "k8s/migration-job-post-deploy.yaml",
            "k8s/argocd/migration-job.yaml", "k8s/argocd/migration-job-post-deploy.yaml");

    @Test
    void theCommittedJobsAreTheTemplatesRendering() throws Exception {
        Process process = new ProcessBuilder("python3", Repository.ROOT.resolve("scripts/render-jobs.py").toString(),
                "--check").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("the 4 rendered from k8s/migration-job.yaml.tmpl are as committed");
    }

    @Test
    void eachJobSaysWhereItComesFrom() {
        for (String job : JOBS) {
            assertThat(Repository.read(Repository.ROOT.resolve(job))).as(job)
                    .contains("# Rendered from k8s/migration-job.yaml.tmpl by scripts/render-jobs.py");
        }
    }
}
