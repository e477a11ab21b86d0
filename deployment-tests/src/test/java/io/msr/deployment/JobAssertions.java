package io.msr.deployment;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodFailurePolicyRule;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1SecretVolumeSource;
import io.kubernetes.client.openapi.models.V1VolumeMount;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What every migration Job must say, whether plain or rendered by Helm. */
final class JobAssertions {

    /** Where the pods mount their credentials, a Spring config tree. */
    static final String CONFIG_TREE = "/run/secrets/msr";

    private JobAssertions() {
    }

    static V1Container migrations(V1Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> "migrations".equals(container.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container named migrations in " + job.getMetadata().getName()));
    }

    /** Checks the fields the deployment guide and MSR's exit codes require of a migration Job. */
    static void assertMigrationJob(V1Job job) {
        assertMigrationPods(job);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        assertThat(exitCodePolicy(job)).containsEntry("FailJob", List.of(2, 3))
                .containsEntry("Count", List.of(7, 8, 10));
    }

    /**
     * Checks an Indexed Job whose pods each migrate one shard of the tenants' schemas: the pods of a migration Job,
     * one completion per shard ({@code MSR_SHARD_COUNT}, whose index is the {@code JOB_COMPLETION_INDEX} Kubernetes
     * sets), retries and exit codes per index so that one shard's failure does not kill the others mid-migration,
     * and a pool no larger than the schemas migrated at once, which keeps the connection budget.
     */
    static void assertShardedMigrationJob(V1Job job) {
        assertMigrationPods(job);
        V1Container container = migrations(job);
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).as("one completion per shard")
                .isEqualTo(Integer.parseInt(env(container, "MSR_SHARD_COUNT")));
        assertThat(job.getSpec().getParallelism()).isBetween(1, job.getSpec().getCompletions());
        assertThat(container.getEnv()).as("the shard index is JOB_COMPLETION_INDEX, which Kubernetes sets")
                .noneMatch(e -> "MSR_SHARD_INDEX".equals(e.getName()) || "JOB_COMPLETION_INDEX".equals(e.getName()));
        assertThat(job.getSpec().getBackoffLimitPerIndex()).isEqualTo(3);
        assertThat(exitCodePolicy(job)).containsEntry("FailIndex", List.of(2, 3))
                .containsEntry("Count", List.of(7, 8, 10));
        int parallelism = Integer.parseInt(env(container, "MSR_PARALLELISM"));
        assertThat(parallelism).isPositive();
        assertThat(Integer.parseInt(env(container, "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE")))
                .as("the pool holds the work connections, one per schema migrated at once").isEqualTo(parallelism);
        assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("MSR_SCHEMAS"));
    }

    /** Checks the pods of a migration Job: what they run, their Secret, waits, termination message and hardening. */
    private static void assertMigrationPods(V1Job job) {
        V1PodSpec pod = job.getSpec().getTemplate().getSpec();
        V1Container container = migrations(job);
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(container.getArgs()).contains("--msr.mode=migrate");
        assertThat(container.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(credentialFile(pod, container, "DATABASE_URL")).isEqualTo("migration-url");
        assertThat(pod.getAutomountServiceAccountToken()).as("MSR calls no Kubernetes API").isFalse();
        assertThat(pod.getTerminationGracePeriodSeconds()).as("above MSR_SHUTDOWN_TIMEOUT (20s by default)")
                .isGreaterThanOrEqualTo(30);
        assertThat(job.getSpec().getPodFailurePolicy().getRules()).as("a drained node does not use up the retries")
                .anySatisfy(rule -> {
                    assertThat(rule.getAction()).isEqualTo("Ignore");
                    assertThat(rule.getOnPodConditions()).singleElement()
                            .satisfies(condition -> assertThat(condition.getType()).isEqualTo("DisruptionTarget"));
                });
        Duration lockWait = duration(env(container, "MSR_LOCK_WAIT_TIMEOUT"));
        Duration connectWait = duration(env(container, "MSR_CONNECT_WAIT"));
        assertThat(job.getSpec().getActiveDeadlineSeconds())
                .as("activeDeadlineSeconds exceeds the connect wait plus the lock wait, so a waiting Job fails with 7 or 8")
                .isGreaterThan(connectWait.plus(lockWait).toSeconds());
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getResources().getLimits()).containsKeys("memory", "cpu");
        assertThat(container.getResources().getRequests()).containsKeys("memory", "cpu");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    /**
     * Checks the phase a migration Job applies: {@code pre-deploy} is msr.mode=migrate's default (the expand step,
     * before the rollout), {@code post-deploy} must be asked for (the contract step, after it).
     */
    static void assertPhase(V1Job job, String phase) {
        List<String> args = migrations(job).getArgs();
        assertThat(args).contains("--msr.mode=migrate");
        if (phase.equals("pre-deploy")) {
            assertThat(args).as("the pre-deploy Job runs msr.phase's default").noneMatch(a -> a.startsWith("--msr.phase"));
            assertThat(migrations(job).getEnv()).noneMatch(e -> "MSR_PHASE".equals(e.getName()));
        } else {
            assertThat(args).containsExactly("--msr.mode=migrate", "--msr.phase=" + phase);
        }
    }

    /** Parses the durations the manifests give MSR: 90s, 2m, 1h. */
    static Duration duration(String value) {
        return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
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

    /**
     * Returns the key of the Secret that the container reads as the file {@code name} of its config tree, checking
     * that Spring imports the tree ({@code SPRING_CONFIG_IMPORT}) and that no Secret reaches its environment.
     */
    static String credentialFile(V1PodSpec pod, V1Container container, String name) {
        assertThat(env(container, "SPRING_CONFIG_IMPORT")).isEqualTo("configtree:" + CONFIG_TREE + "/");
        assertThat(container.getEnv()).as(container.getName() + ": no Secret in the environment")
                .noneMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null);
        V1VolumeMount mount = container.getVolumeMounts().stream().filter(m -> CONFIG_TREE.equals(m.getMountPath()))
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " mounts no " + CONFIG_TREE));
        assertThat(mount.getReadOnly()).isTrue();
        V1SecretVolumeSource secret = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                .findFirst().orElseThrow().getSecret();
        assertThat(secret.getSecretName()).isEqualTo("db-credentials");
        assertThat(secret.getDefaultMode()).as("readable by the pod's group only").isEqualTo(0440);
        return secret.getItems().stream().filter(item -> name.equals(item.getPath())).map(V1KeyToPath::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no file " + name + " in " + mount.getName()));
    }
}
