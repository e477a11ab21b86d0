package io.msr.internal.backup;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ToolCommandTest {

    @Test
    void aVariableMappedToNullIsRemovedFromTheInheritedEnvironmentAndOthersReplaceIt() {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", null);
        environment.put("PATH", "/nowhere");
        ToolCommand.Outcome outcome = new ToolCommand("sh", "/bin/sh").run(Path.of("/bin/sh"),
                List.of("-c", "echo \"${HOME-removed} $PATH\""), environment);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.output()).isEqualTo("removed /nowhere");
    }

    @Test
    void theToolInheritsOnlyLibpqsVariablesAndWhatFindsProgramsAndTheLocaleNeverTheRunnersSecrets() {
        ToolCommand.Outcome outcome = new ToolCommand("sh", "/bin/sh").run(Path.of("/bin/sh"),
                List.of("-c", "env"), Map.of("PGPASSWORD", "the-tools-own"));

        assertThat(outcome.succeeded()).isTrue();
        List<String> names = outcome.output().lines().map(line -> line.substring(0, Math.max(0, line.indexOf('='))))
                .toList();
        assertThat(names).contains("PGPASSWORD");
        if (System.getenv("PATH") != null) {
            assertThat(names).contains("PATH");
        }
        List<String> leaked = System.getenv().keySet().stream().filter(names::contains)
                .filter(name -> !name.startsWith("PG") && !name.startsWith("LC_") && !List.of("PATH", "HOME", "USER",
                        "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "LD_LIBRARY_PATH", "PWD", "SHLVL", "_")
                        .contains(name))
                .toList();
        assertThat(leaked).as("variables of the runner's environment the tool saw").isEmpty();
    }
}
