package io.msr.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The series MSR really publishes at {@code /actuator/prometheus}: {@code msr-prometheus-series.txt}, which
 * msr-spring-boot-autoconfigure's PrometheusSeriesTest writes from a real scrape and fails on when it differs. The
 * dashboard and alert tests check their PromQL against it, so a renamed meter breaks them rather than a panel. Its
 * {@code # deprecated:} line names the families of deprecated meters, still published but read by no panel or alert.
 */
final class PublishedSeries {

    /** kube-state-metrics series the alerts and the dashboard may use besides MSR's own. */
    static final Set<String> KUBE_STATE_METRICS = Set.of("kube_job_failed", "kube_job_status_failed");

    /** A metric name in PromQL: an identifier starting msr_ or kube_ (label names and strings never do here). */
    private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:])((?:msr|kube)_[A-Za-z0-9_:]*)");
    private static final Pattern TIMER_SUFFIX = Pattern.compile("_seconds_(bucket|count|sum|max)$");
    private static final String DEPRECATED = "# deprecated:";

    private PublishedSeries() {
    }

    /** Every published series, {@code name{labels}} without values. */
    static Set<String> series() {
        return lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The families of the deprecated meters ({@code msr_lock_wait}...): published for one more release. */
    static Set<String> deprecatedFamilies() {
        return lines().filter(line -> line.startsWith(DEPRECATED))
                .flatMap(line -> Arrays.stream(line.substring(DEPRECATED.length()).trim().split(" +")))
                .filter(family -> !family.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<String> lines() {
        try (InputStream in = PublishedSeries.class.getResourceAsStream("/msr-prometheus-series.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published metric names: {@code msr_schema_version}, {@code msr_lock_acquire_seconds_bucket}... */
    static Set<String> names() {
        return series().stream().map(line -> line.contains("{") ? line.substring(0, line.indexOf('{')) : line)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The meters behind the names: a timer's four series are one family, {@code msr_lock_acquire}; a long-task timer's
     * three another, {@code msr_lock_acquire_active}.
     */
    static Set<String> families() {
        return names().stream().map(PublishedSeries::family).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The family of one metric name: {@code msr_lock_acquire} for {@code msr_lock_acquire_seconds_max}. */
    static String family(String name) {
        return TIMER_SUFFIX.matcher(name).replaceAll("");
    }

    /** The families of {@link #deprecatedFamilies()} that {@code promql} reads. */
    static Set<String> deprecatedIn(String promql) {
        Set<String> deprecated = metricsIn(promql).stream().map(PublishedSeries::family)
                .collect(Collectors.toCollection(TreeSet::new));
        deprecated.retainAll(deprecatedFamilies());
        return deprecated;
    }

    /** The msr_ and kube_ metric names a PromQL expression reads. */
    static Set<String> metricsIn(String promql) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = METRIC.matcher(promql);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The names of {@code promql} that are neither published by MSR nor allowed from kube-state-metrics. */
    static Set<String> unknownIn(String promql) {
        Set<String> unknown = metricsIn(promql);
        unknown.removeAll(names());
        unknown.removeAll(KUBE_STATE_METRICS);
        return unknown;
    }
}
