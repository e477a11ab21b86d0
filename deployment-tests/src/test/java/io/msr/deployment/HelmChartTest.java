package io.msr.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.kubernetes.client.openapi.models.V1Job;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Helm chart, linted and rendered with real Helm (in-process, no CLI). */
class HelmChartTest {

    private static final String HOOK = "helm.sh/hook";
    private static final String RENDERED_HOOK = "rendered.test/hook";

    /**
     * Renders the chart with real Helm, hooks included. helm-java's {@code template} returns the release manifest
     * without hooks (the CLI appends them itself), so the chart is rendered from a copy whose hook annotations
     * carry another prefix, which keeps the Job in the manifest; the names are mapped back afterwards.
     */
    private static List<Manifests.Document> render() throws IOException {
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
        String rendered = new Helm(copy).template().withName("shop").withNamespace("production").call();
        return Manifests.parse("helm template", rendered.replace(RENDERED_HOOK, HOOK));
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
    @SuppressWarnings("unchecked")
    void runsTheMigrationJobAsAPreInstallAndPreUpgradeHookWithTheSamePolicyAsThePlainJob() throws IOException {
        Manifests.Document hook = render().stream().filter(d -> d.kind().equals("Job")).findFirst().orElseThrow();
        Map<String, Object> annotations = (Map<String, Object>) ((Map<String, Object>) hook.map().get("metadata"))
                .get("annotations");
        assertThat(annotations).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-weight", "-5")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation");
        assertThat(hook.name()).endsWith("-1");
        V1Job helmJob = hook.job();
        JobAssertions.assertMigrationJob(helmJob);
        V1Job plainJob = KubernetesManifestsTest.documents().stream()
                .filter(d -> d.source().equals("migration-job.yaml") && d.kind().equals("Job")).findFirst().orElseThrow()
                .job();
        assertThat(JobAssertions.exitCodePolicy(helmJob)).isEqualTo(JobAssertions.exitCodePolicy(plainJob));
        assertThat(JobAssertions.migrations(helmJob).getImage()).isEqualTo(JobAssertions.migrations(plainJob).getImage());
    }
}
