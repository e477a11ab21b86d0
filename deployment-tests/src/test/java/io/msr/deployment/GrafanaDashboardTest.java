package io.msr.deployment;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s/monitoring/grafana-dashboard.json: importable, and reading only series MSR really publishes. */
class GrafanaDashboardTest {

    private static final String DATASOURCE = "${datasource}";

    private static JsonNode dashboard() {
        JsonMapper strict = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return strict.readTree(Repository.read(Repository.K8S.resolve("monitoring/grafana-dashboard.json")));
    }

    /** Every panel, those inside collapsed rows too. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private static List<JsonNode> queryPanels(JsonNode dashboard) {
        return panels(dashboard).stream().filter(panel -> !panel.get("type").asString().equals("row")).toList();
    }

    /** Every PromQL of the dashboard: the panels' targets and the variables' queries. */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        queryPanels(dashboard).forEach(panel -> panel.get("targets")
                .forEach(target -> expressions.add(target.get("expr").asString())));
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.get("type").asString().equals("query")) {
                expressions.add(variable.get("query").get("query").asString());
            }
        }
        return expressions;
    }

    @Test
    void isAnImportableDashboardWithTheDataSourceAsAVariable() {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.get("uid").asString()).matches("[a-z0-9-]{1,40}");
        assertThat(dashboard.get("title").asString()).isNotBlank();
        Map<String, JsonNode> variables = new java.util.LinkedHashMap<>();
        dashboard.get("templating").get("list").forEach(v -> variables.put(v.get("name").asString(), v));
        assertThat(variables).containsOnlyKeys("datasource", "namespace", "application");
        assertThat(variables.get("datasource").get("type").asString()).isEqualTo("datasource");
        assertThat(variables.get("datasource").get("query").asString()).isEqualTo("prometheus");
        for (String name : List.of("namespace", "application")) {
            JsonNode variable = variables.get(name);
            assertThat(variable.get("type").asString()).isEqualTo("query");
            assertThat(variable.get("datasource").get("uid").asString()).isEqualTo(DATASOURCE);
            assertThat(variable.get("query").get("query").asString()).startsWith("label_values(msr_schema_version")
                    .endsWith(", " + name + ")");
        }
    }

    @Test
    void theApplicationVariableSelectsOnATagTheSampleAppPublishes() {
        assertThat(PublishedSeries.series()).as("the scrape PrometheusSeriesTest took, with the application tag")
                .allMatch(series -> series.contains("application=\"msr-sample\""));
        Map<String, Object> config = new Yaml().load(Repository.read(
                Repository.ROOT.resolve("sample-app/src/main/resources/application.yaml")));
        assertThat(path(config, "management", "metrics", "tags", "application"))
                .isEqualTo("${spring.application.name}");
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            current = current instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(key) : null;
        }
        return current;
    }

    @Test
    void everyPanelHasAUniqueIdATitleAndTheDataSourceVariable() {
        JsonNode dashboard = dashboard();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels(dashboard)) {
            String title = panel.path("title").asString("");
            assertThat(title).as("panel %s", panel.get("id")).isNotBlank();
            assertThat(ids.add(panel.get("id").asInt())).as("unique id of " + title).isTrue();
            JsonNode grid = panel.get("gridPos");
            assertThat(grid.get("x").asInt() + grid.get("w").asInt()).as(title + " fits 24 columns")
                    .isLessThanOrEqualTo(24);
        }
        assertThat(queryPanels(dashboard)).hasSizeGreaterThanOrEqualTo(8).allSatisfy(panel -> {
            String title = panel.get("title").asString();
            assertThat(panel.get("datasource").get("uid").asString()).as(title).isEqualTo(DATASOURCE);
            assertThat(panel.get("targets")).as(title).isNotEmpty();
            panel.get("targets").forEach(target -> {
                assertThat(target.get("datasource").get("uid").asString()).as(title).isEqualTo(DATASOURCE);
                assertThat(target.get("expr").asString()).as(title).isNotBlank();
            });
        });
    }

    @Test
    void everyQueryReadsOnlySeriesMsrPublishesAndNoDeprecatedOne() {
        assertThat(PublishedSeries.deprecatedFamilies()).as("the golden file's deprecated line").isNotEmpty();
        for (String expr : expressions(dashboard())) {
            assertThat(PublishedSeries.unknownIn(expr)).as(expr).isEmpty();
            assertThat(PublishedSeries.metricsIn(expr)).as("reads some metric: " + expr).isNotEmpty();
            assertThat(PublishedSeries.deprecatedIn(expr)).as("reads a deprecated meter: " + expr).isEmpty();
        }
    }

    @Test
    void everyMeterMsrPublishesHasAPanel() {
        String all = String.join("\n", expressions(dashboard()));
        Set<String> read = new HashSet<>();
        PublishedSeries.metricsIn(all).forEach(name -> read.add(PublishedSeries.family(name)));
        assertThat(PublishedSeries.families()).hasSizeGreaterThanOrEqualTo(9)
                .filteredOn(family -> !PublishedSeries.deprecatedFamilies().contains(family))
                .allSatisfy(family -> assertThat(read).as("a panel for " + family).contains(family));
        assertThat(all).as("quantiles per type from the published buckets")
                .contains("histogram_quantile(0.99, sum by (application, type, le) "
                        + "(rate(msr_migration_seconds_bucket");
    }
}
