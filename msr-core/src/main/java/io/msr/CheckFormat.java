package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a {@link CheckResult} is written out: for people, for programs, for code scanning, or for GitHub Actions. */
public enum CheckFormat {

    /** One line per finding ({@code ERROR CODE file:line: message}) and a summary line. */
    TEXT,
    /**
     * One JSON object: the counts and every finding with severity, code, message, file, line and version; the fields
     * of {@link CheckResult#toMap()} without its header, as this format was before results had one.
     */
    JSON,
    /** SARIF 2.1.0, as code scanning (GitHub's upload-sarif) reads it: one run, one result per finding. */
    SARIF,
    /** GitHub Actions workflow commands ({@code ::error file=...,line=...::message}) that annotate the files. */
    GITHUB;

    private static final String INFORMATION_URI = "https://github.com/msr-for-java/msr#safe-for-production-traffic";

    /** Returns the format a parameter names ({@code text}, {@code json}, {@code sarif}, {@code github}). */
    public static CheckFormat of(@Nullable String name) {
        for (CheckFormat format : values()) {
            if (format.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return format;
            }
        }
        throw new ConfigurationException("Unknown check format '" + name + "': use text, json, sarif or github.");
    }

    /** Returns the result written in this format, ending with a line break. */
    public String render(CheckResult result) {
        return switch (this) {
            case TEXT -> text(result);
            case JSON -> Json.write(result.formatMap()) + "\n";
            case SARIF -> Json.write(sarif(result)) + "\n";
            case GITHUB -> github(result);
        };
    }

    /** Returns the one-line summary that the text format ends with. */
    public static String summary(CheckResult result) {
        int errors = result.errors().size();
        int warnings = result.warnings().size();
        return "MSR check " + (result.passed() ? "passed" : "failed") + ": " + errors + (errors == 1 ? " error, " : " errors, ")
                + warnings + (warnings == 1 ? " warning" : " warnings") + " in " + result.migrations() + " migrations"
                + (result.baseRef() == null ? "" : " (" + result.checked() + " new or changed since " + result.baseRef() + ")")
                + ".";
    }

    private static String text(CheckResult result) {
        StringBuilder out = new StringBuilder();
        for (Issue finding : result.findings()) {
            out.append(finding.severity()).append(' ').append(finding.code());
            if (finding.script() != null) {
                out.append(' ').append(finding.script());
                if (finding.line() != null) {
                    out.append(':').append(finding.line());
                }
            }
            out.append(": ").append(finding.message()).append('\n');
        }
        return out.append(summary(result)).append('\n').toString();
    }

    private static Map<String, Object> sarif(CheckResult result) {
        Map<String, Object> rules = new LinkedHashMap<>();
        List<Object> results = new ArrayList<>();
        for (Issue finding : result.findings()) {
            rules.computeIfAbsent(finding.code(), code -> Map.of("id", code, "name", code,
                    "shortDescription", Map.of("text", "MSR migration check " + code),
                    "helpUri", INFORMATION_URI));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ruleId", finding.code());
            item.put("level", finding.isError() ? "error" : "warning");
            item.put("message", Map.of("text", finding.message()));
            if (finding.script() != null && !finding.script().startsWith("classpath:")) {
                Map<String, Object> physical = new LinkedHashMap<>();
                physical.put("artifactLocation", Map.of("uri", finding.script()));
                physical.put("region", Map.of("startLine", finding.line() == null ? 1 : finding.line()));
                item.put("locations", List.of(Map.of("physicalLocation", physical)));
            }
            results.add(item);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "msr");
        driver.put("informationUri", INFORMATION_URI);
        driver.put("rules", new ArrayList<>(rules.values()));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> sarif = new LinkedHashMap<>();
        sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        sarif.put("version", "2.1.0");
        sarif.put("runs", List.of(run));
        return sarif;
    }

    private static String github(CheckResult result) {
        StringBuilder out = new StringBuilder();
        for (Issue finding : result.findings()) {
            out.append("::").append(finding.isError() ? "error" : "warning").append(' ');
            if (finding.script() != null && !finding.script().startsWith("classpath:")) {
                out.append("file=").append(property(finding.script())).append(',');
                if (finding.line() != null) {
                    out.append("line=").append(finding.line()).append(',');
                }
            }
            out.append("title=").append(property("MSR " + finding.code())).append("::")
                    .append(data(finding.message())).append('\n');
        }
        return out.append(summary(result)).append('\n').toString();
    }

    private static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
