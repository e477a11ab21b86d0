package io.msr.boot.autoconfigure;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated configuration metadata, which IDEs and docs/spring-boot.md rely on, shows every default. */
class ConfigurationMetadataTest {

    /**
     * Properties whose default is "not set": each means something on its own when absent (msr.placeholders is a
     * map, empty by default, which the metadata cannot show).
     */
    private static final Set<String> NO_DEFAULT = Set.of("msr.schema", "msr.target", "msr.summary-path",
            "msr.datasource.url", "msr.datasource.username", "msr.datasource.password", "msr.backup.file",
            "msr.postgres.statement-timeout", "msr.verify.wait-on-start", "msr.placeholders", "msr.adopt-table",
            "msr.baseline-version", "msr.lint.postgres-version", "msr.phase",
            "msr.connect.wait", "msr.schemas", "msr.shard.index");

    private static List<Map<String, Object>> properties() throws Exception {
        Path classes = Path.of(MsrProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String json = Files.readString(classes.resolve("META-INF/spring-configuration-metadata.json"));
        return JsonPath.read(json, "$.properties");
    }

    @Test
    void theValuesOfMsrModeAreTheModesEachOnceInTheirOrder() throws Exception {
        Path classes = Path.of(MsrProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String json = Files.readString(classes.resolve("META-INF/spring-configuration-metadata.json"));
        List<String> values = JsonPath.read(json, "$.hints[?(@.name == 'msr.mode')].values[*].value");
        assertThat(values).containsExactlyElementsOf(
                java.util.Arrays.stream(MsrMode.values()).map(MsrMode::propertyValue).toList());
    }

    @Test
    void everyMsrPropertyHasADefaultExceptThoseListedAsHavingNone() throws Exception {
        Set<String> withoutDefault = properties().stream()
                .filter(p -> p.get("name").toString().startsWith("msr.") && !p.containsKey("defaultValue"))
                .map(p -> p.get("name").toString()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(withoutDefault).containsExactlyInAnyOrderElementsOf(NO_DEFAULT);
    }

    @Test
    void theDefaultsInTheMetadataAreTheDefaultsOfTheProperties() throws Exception {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Map<String, Object> property : properties()) {
            Object value = property.get("defaultValue");
            String name = property.get("name").toString();
            if (name.startsWith("msr.") && value != null) {
                defaults.put(name, value instanceof List<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : value.toString());
            }
        }
        MsrProperties bound = new Binder(List.of(new MapConfigurationPropertySource(defaults)),
                new PropertySourcesPlaceholdersResolver(new StandardEnvironment()))
                .bind("msr", MsrProperties.class).get();
        MsrProperties fresh = new MsrProperties();

        assertThat(SettingsFromProperties.toSettings(bound)).isEqualTo(SettingsFromProperties.toSettings(fresh));
        assertThat(bound.getMode()).isEqualTo(fresh.getMode());
        assertThat(bound.getOutput()).isEqualTo(fresh.getOutput());
        assertThat(bound.getTerminationMessagePath()).isEqualTo(fresh.getTerminationMessagePath());
        assertThat(bound.getBackup().getFolder()).isEqualTo(fresh.getBackup().getFolder());
        assertThat(bound.getVerify()).usingRecursiveComparison().isEqualTo(fresh.getVerify());
    }

    @Test
    void describesTheSwitchOfTheMsrHealthIndicator() throws Exception {
        assertThat(properties()).anySatisfy(property -> assertThat(property)
                .containsEntry("name", "management.health.msr.enabled").containsEntry("defaultValue", true)
                .containsEntry("type", "java.lang.Boolean"));
    }

    @Test
    void describesEveryMsrProperty() throws IOException, Exception {
        assertThat(properties()).filteredOn(p -> p.get("name").toString().startsWith("msr."))
                .allSatisfy(property -> assertThat(property).as(property.get("name").toString())
                        .containsKey("description"));
    }
}
