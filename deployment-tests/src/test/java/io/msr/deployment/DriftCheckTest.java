package io.msr.deployment;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1CronJobSpec;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1PodSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.msr.deployment.KubernetesManifestsTest.named;
import static org.assertj.core.api.Assertions.assertThat;

/** The daily schema drift check (k8s/drift-cronjob.yaml); PrometheusRulesTest checks the alerts on it. */
class DriftCheckTest {

    @Test
    void theDriftCronJobRunsDailyOnceAtATimeAndTreatsDriftAsAFindingNotACrash() throws IOException {
        V1CronJob cronJob = named("drift-cronjob.yaml", "CronJob").cronJob();
        V1CronJobSpec spec = cronJob.getSpec();
        String[] schedule = spec.getSchedule().split(" ");
        assertThat(schedule).as("minute hour * * *: once a day").hasSize(5);
        assertThat(List.of(schedule).subList(2, 5)).containsOnly("*");
        assertThat(Integer.parseInt(schedule[0])).isBetween(0, 59);
        assertThat(Integer.parseInt(schedule[1])).isBetween(0, 23);
        assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(spec.getSuccessfulJobsHistoryLimit()).isPositive();
        assertThat(spec.getFailedJobsHistoryLimit()).as("the findings stay for kubectl logs").isPositive();

        V1JobSpec job = spec.getJobTemplate().getSpec();
        V1PodSpec pod = job.getTemplate().getSpec();
        assertThat(job.getBackoffLimit()).as("exit 9 is a finding; retrying finds the same drift").isZero();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        V1Container drift = pod.getContainers().get(0);
        assertThat(drift.getArgs()).containsExactly("--msr.mode=drift");
        assertThat(JobAssertions.credentialFile(pod, drift, "DATABASE_URL")).as("read-only credentials")
                .isEqualTo("drift-url");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(job.getPodFailurePolicy().getRules()).as("a drained node does not fail the check")
                .anySatisfy(rule -> assertThat(rule.getAction()).isEqualTo("Ignore"));
        assertThat(job.getActiveDeadlineSeconds())
                .isGreaterThan(JobAssertions.duration(JobAssertions.env(drift, "MSR_CONNECT_WAIT")).toSeconds());
        assertThat(drift.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(drift.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(drift.getResources().getLimits()).containsKeys("memory", "cpu");
        String appImage = named("deployment.yaml", "Deployment").deployment().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage();
        assertThat(drift.getImage()).isEqualTo(appImage);
        assertThat(Repository.read(Repository.K8S.resolve("drift-cronjob.yaml")))
                .as("the read-only role is spelled out").contains("default_transaction_read_only = on");
    }
}
