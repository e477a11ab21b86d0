package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Msr#check(CheckSettings)} found.
 *
 * @param findings   every finding, errors and warnings, in file order; each names its file as {@link Issue#script()}
 *                   and its line as {@link Issue#line()}
 * @param migrations how many migrations were resolved
 * @param checked    how many of them were linted and held to the down policy (all, or those new or changed since
 *                   the base ref)
 * @param baseRef    the base ref compared with, or null
 */
public record CheckResult(List<Issue> findings, int migrations, int checked, @Nullable String baseRef)
        implements MsrResult {

    /** Copies the list. */
    public CheckResult {
        findings = List.copyOf(findings);
    }

    /** Returns {@link Operation#CHECK}. */
    @Override
    public Operation operation() {
        return Operation.CHECK;
    }

    /** Returns the errors. */
    public List<Issue> errors() {
        return findings.stream().filter(Issue::isError).toList();
    }

    /** Returns the warnings. */
    public List<Issue> warnings() {
        return findings.stream().filter(finding -> !finding.isError()).toList();
    }

    /** Returns true when there is no error. */
    public boolean passed() {
        return findings.stream().noneMatch(Issue::isError);
    }

    /** Returns {@link ExitCode#SUCCESS} when passed, else {@link ExitCode#VALIDATION}. */
    @Override
    public ExitCode exitCode() {
        return passed() ? ExitCode.SUCCESS : ExitCode.VALIDATION;
    }

    /**
     * Returns the header ({@code operation}, {@code success}, {@code exitCode}), then the fields of the check's
     * {@link CheckFormat#JSON JSON format}: {@code passed}, {@code errors}, {@code warnings}, {@code migrations},
     * {@code checked}, {@code baseRef} and {@code findings} (each as {@link #findingMap(Issue)}).
     */
    @Override
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = Json.header(this);
        map.putAll(counts());
        map.put("findings", findingMaps());
        return map;
    }

    /**
     * Returns the header and the counts as a JSON object, without the findings: for places with a size limit, such as
     * a Kubernetes termination message.
     */
    public String toSummaryJson() {
        Map<String, @Nullable Object> map = Json.header(this);
        map.putAll(counts());
        return Json.write(map);
    }

    /** The JSON format's fields without the header: the counts, then the findings. */
    Map<String, @Nullable Object> formatMap() {
        Map<String, @Nullable Object> map = counts();
        map.put("findings", findingMaps());
        return map;
    }

    private Map<String, @Nullable Object> counts() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("passed", passed());
        map.put("errors", errors().size());
        map.put("warnings", warnings().size());
        map.put("migrations", migrations);
        map.put("checked", checked);
        map.put("baseRef", baseRef);
        return map;
    }

    private List<Object> findingMaps() {
        List<Object> maps = new ArrayList<>();
        for (Issue finding : findings) {
            maps.add(findingMap(finding));
        }
        return maps;
    }

    /**
     * Returns a finding as the check writes it: {@code severity}, {@code code}, {@code message}, {@code file} (its
     * {@link Issue#script()}), {@code line} and {@code version}.
     */
    public static Map<String, @Nullable Object> findingMap(Issue finding) {
        Map<String, @Nullable Object> item = new LinkedHashMap<>();
        item.put("severity", finding.severity().name());
        item.put("code", finding.code());
        item.put("message", finding.message());
        item.put("file", finding.script());
        item.put("line", finding.line());
        item.put("version", Version.jsonValue(finding.version()));
        return item;
    }
}
