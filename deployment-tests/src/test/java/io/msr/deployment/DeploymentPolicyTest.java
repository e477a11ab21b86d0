package io.msr.deployment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hardening check that scripts/lint-deployment.sh runs in CI (scripts/lint-deployment-policy.py): the repository's
 * manifests and the rendered Helm chart pass it, and a copy of a real manifest broken in one place fails it with a
 * message naming the file, the object and the rule.
 */
class DeploymentPolicyTest {

    private static final Path SCRIPT = Repository.ROOT.resolve("scripts/lint-deployment-policy.py");

    record Outcome(int exitCode, String output) {
    }

    /** The first Python with PyYAML, found once: Debian's (python3-yaml), else python3 on PATH, as the lint script. */
    private static final class Python {
        static final String COMMAND = find();

        private static String find() {
            for (String candidate : List.of("/usr/bin/python3", "python3")) {
                try {
                    Process probe = new ProcessBuilder(candidate, "-c", "import yaml").redirectErrorStream(true).start();
                    probe.getInputStream().readAllBytes();
                    if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                        return candidate;
                    }
                } catch (IOException | InterruptedException notThere) {
                    // try the next one
                }
            }
            throw new AssertionError("no python3 with PyYAML: apt-get install python3-yaml (scripts/lint-deployment.sh"
                    + " installs it)");
        }
    }

    static Outcome check(Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Python.COMMAND, SCRIPT.toString()));
        for (Path file : files) {
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), output);
    }

    private static Path copyWith(String file, String original, String broken) throws IOException {
        String text = Repository.read(Repository.ROOT.resolve(file));
        assertThat(text).as(file + " holds what the test breaks").contains(original);
        Path copy = Files.createTempDirectory("policy").resolve(Path.of(file).getFileName());
        Files.writeString(copy, text.replace(original, broken));
        return copy;
    }

    @Test
    void theRepositorysManifestsAndComposeFilesComply() throws Exception {
        Outcome outcome = check();
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("comply");
    }

    @Test
    void theRenderedHelmChartComplies() throws Exception {
        for (Map<String, Object> values : List.of(Map.<String, Object>of(), Map.<String, Object>of(
                "database.createSecret", true, "database.migrationUrl", "postgres://migration_user:x@db:5432/app",
                "database.appUrl", "postgres://app_user:x@db:5432/app"), Map.<String, Object>of(
                "metrics.podMonitor.enabled", true))) {
            List<Manifests.Document> documents = HelmChartTest.render(values);
            Path rendered = Files.createTempFile("helm-template", ".yaml");
            Files.writeString(rendered, documents.stream().map(d -> new org.yaml.snakeyaml.Yaml().dump(d.map()))
                    .collect(Collectors.joining("---\n")));
            Outcome outcome = check(rendered);
            assertThat(outcome.exitCode()).as(values + ": " + outcome.output()).isZero();
            assertThat(documents).extracting(Manifests.Document::kind).contains("Deployment", "Job", "Service");
        }
    }

    @Test
    void rejectsTheFixtureThatBreaksEveryRule() throws Exception {
        Path fixture = Path.of(DeploymentPolicyTest.class.getResource("/policy/violations.yaml").getPath());
        Outcome outcome = check(fixture);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output()).contains(fixture + ": Job bad-job: automountServiceAccountToken must be false")
                .contains("Job bad-job: initContainer sidecar: securityContext.allowPrivilegeEscalation must be false")
                .contains("Job bad-job: podFailurePolicy FailJobs on exit code 10")
                .contains("Job bad-job: container migrations: env MSR_DATABASE_URL holds a URL with a password")
                .contains("Deployment bad-app: container app: the port named management (8081) must equal env")
                .contains("PodMonitor bad-monitor: scrapes port 'http'")
                .contains("17 hardening violation(s)");
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            k8s/migration-job.yaml | automountServiceAccountToken: false | automountServiceAccountToken: true | Job msr-sample-migrations: automountServiceAccountToken must be false
            k8s/migration-job.yaml | readOnlyRootFilesystem: true | readOnlyRootFilesystem: false | Job msr-sample-migrations: container migrations: securityContext.readOnlyRootFilesystem must be true
            k8s/migration-job.yaml | drop: ["ALL"] | drop: ["NET_RAW"] | Job msr-sample-migrations: container migrations: securityContext.capabilities.drop
            k8s/migration-job.yaml | type: RuntimeDefault | type: Unconfined | Job msr-sample-migrations: securityContext.seccompProfile.type must be RuntimeDefault
            k8s/migration-job.yaml | values: [7, 8, 10] | values: [7, 8] | Job msr-sample-migrations: podFailurePolicy must Count exit codes [7, 8, 10] (it counts [7, 8])
            k8s/migration-job.yaml | type: DisruptionTarget | type: ConfigIssue | Job msr-sample-migrations: podFailurePolicy needs the rule {action: Ignore
            k8s/migration-job.yaml | terminationGracePeriodSeconds: 30 | terminationGracePeriodSeconds: 20 | Job msr-sample-migrations: terminationGracePeriodSeconds must be at least 30 (it is 20)
            k8s/migration-job.yaml | mountPath: /tmp | mountPath: /scratch | Job msr-sample-migrations: container migrations: mounts no emptyDir at /tmp
            k8s/migration-job.yaml | value: "2m" | valueFrom: {secretKeyRef: {name: db-credentials, key: migration-url}} | Job msr-sample-migrations: container migrations: env MSR_LOCK_WAIT_TIMEOUT comes from a Secret
            k8s/drift-cronjob.yaml | automountServiceAccountToken: false | automountServiceAccountToken: true | CronJob msr-sample-drift: automountServiceAccountToken must be false
            k8s/tenants-indexed-job.yaml | values: [7, 8, 10] | values: [7, 8] | Job msr-sample-tenant-migrations: podFailurePolicy must Count exit codes
            k8s/logging/migration-job-fluent-bit.yaml | allowPrivilegeEscalation: false\\n            readOnlyRootFilesystem: true\\n            capabilities:\\n              drop: ["ALL"]\\n      containers: | readOnlyRootFilesystem: true\\n            capabilities:\\n              drop: ["ALL"]\\n      containers: | Job msr-sample-migrations-logged: initContainer log-forwarder: securityContext.allowPrivilegeEscalation must be false
            k8s/deployment.yaml | targetPort: http | targetPort: management | Service msr-sample: port http targets the management port
            k8s/deployment.yaml | path: /actuator/health/readiness\\n              port: management | path: /actuator/health/readiness\\n              port: http | Deployment msr-sample: container app: readinessProbe must use the management port
            k8s/deployment.yaml | value: "8081" | value: "8080" | Deployment msr-sample: container app: the port named management (8081) must equal env MANAGEMENT_SERVER_PORT (8080)
            k8s/deployment-init-container.yaml | automountServiceAccountToken: false | automountServiceAccountToken: true | Deployment msr-sample: automountServiceAccountToken must be false
            k8s/monitoring/pod-monitor.yaml | port: management | port: http | PodMonitor msr-sample: scrapes port
            docker/compose.yaml | "8080-8082:8080" | "8081:8081" | service app: publishes the management port 8081
            docker/compose.yaml | MANAGEMENT_SERVER_PORT: 8081 | SERVER_SHUTDOWN: graceful | service app: publishes ports with Actuator on the application port
            """)
    void rejectsACopyBrokenInOnePlaceNamingTheFileTheObjectAndTheRule(String file, String original, String broken,
            String expected) throws Exception {
        Path copy = copyWith(file, original.replace("\\n", "\n"), broken.replace("\\n", "\n"));
        Outcome outcome = check(copy);
        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.output()).contains(copy + ": " + expected);
    }
}
