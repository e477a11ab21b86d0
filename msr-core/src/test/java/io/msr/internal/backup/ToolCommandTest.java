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
}
