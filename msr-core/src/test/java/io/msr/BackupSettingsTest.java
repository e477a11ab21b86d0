package io.msr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupSettingsTest {

    @Test
    void acceptsAnySchemaNamePostgresAcceptsWhenQuotedAndKeepsItExactly() {
        List<String> names = List.of("TenantA", "Tenant B", "we\"ird", "tenant-a", "café", "x".repeat(63));
        assertThat(BackupSettings.defaults().withSchemas(names).schemas()).containsExactlyElementsOf(names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void refusesAnEmptySchemaName(String name) {
        assertThatThrownBy(() -> BackupSettings.defaults().withSchemas(List.of("app", name)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("msr.backup.schemas holds an empty name; list schemas by their exact names, such as app.");
    }

    @Test
    void refusesASchemaNameLongerThanPostgresAllowsCountingBytes() {
        String name = "é".repeat(32);
        assertThatThrownBy(() -> BackupSettings.defaults().withSchemas(List.of(name)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("msr.backup.schemas names '" + name + "', which is 64 bytes long: PostgreSQL names hold"
                        + " at most 63 bytes (in UTF-8).");
    }

    @Test
    void refusesASchemaNameWithANulCharacter() {
        assertThatThrownBy(() -> BackupSettings.defaults().withSchemas(List.of("a\0b")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("a NUL character, which PostgreSQL names cannot hold");
    }
}
