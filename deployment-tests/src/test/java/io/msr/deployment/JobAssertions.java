package io.msr.deployment;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodFailurePolicyRule;
import io.kubernetes.client.openapi.models.V1PodSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What every migration Job must say, whether plain or rendered by Helm. */
final class JobAssertions {

    private JobAssertions() {
    }

    static V1Container migrations(V1Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> "migrations".equals(container.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container named migrations in " + job.getMetadata().getName()));
    }

    /** Checks the fields the deployment guide and MSR's exit codes require of a migration Job. */
    static void assertMigrationJob(V1Job job) {
        V1PodSpec pod = job.getSpec().getTemplate().getSpec();
        V1Container container = migrations(job);
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        assertThat(container.getArgs()).contains("--msr.mode=migrate");
        assertThat(container.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(secretKey(container, "DATABASE_URL")).isEqualTo("migration-url");
        Duration lockWait = Duration.parse("PT" + env(container, "MSR_LOCK_WAIT_TIMEOUT").toUpperCase());
        assertThat(job.getSpec().getActiveDeadlineSeconds()).as("activeDeadlineSeconds exceeds the lock wait timeout")
                .isGreaterThan(lockWait.toSeconds());
        assertThat(exitCodePolicy(job)).containsEntry("FailJob", List.of(2, 3)).containsEntry("Count", List.of(7, 8));
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getResources().getLimits()).containsKeys("memory", "cpu");
        assertThat(container.getResources().getRequests()).containsKeys("memory", "cpu");
    }

    /** Returns the podFailurePolicy's exit-code rules: action to exit codes. */
    static Map<String, List<Integer>> exitCodePolicy(V1Job job) {
        Map<String, List<Integer>> rules = new TreeMap<>();
        for (V1PodFailurePolicyRule rule : job.getSpec().getPodFailurePolicy().getRules()) {
            if (rule.getOnExitCodes() != null) {
                assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
                rules.put(rule.getAction(), rule.getOnExitCodes().getValues().stream().sorted().toList());
            }
        }
        return rules;
    }

    static String env(V1Container container, String name) {
        return container.getEnv().stream().filter(env -> name.equals(env.getName())).map(V1EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getName()));
    }

    static String secretKey(V1Container container, String name) {
        return container.getEnv().stream().filter(env -> name.equals(env.getName()))
                .map(env -> env.getValueFrom().getSecretKeyRef().getKey()).findFirst()
                .orElseThrow(() -> new AssertionError("no secret env " + name + " in " + container.getName()));
    }
}
