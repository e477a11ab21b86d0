package io.msr.internal.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/lint-rules.md is what the rules generate, and every rule's examples say what the page says. */
class LintRuleDocsTest {

    private static final Path PAGE = Path.of("..", "docs", "lint-rules.md");

    @Test
    void thePageIsWhatTheRulesGenerate() throws Exception {
        String generated = LintRuleDocs.markdown();
        if (Boolean.getBoolean("msr.lint.docs.write")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/lint-rules.md differs from LintRuleDocs.markdown(); regenerate it with"
                        + " -Dmsr.lint.docs.write=true (see the comment at its top)")
                .isEqualTo(generated);
    }

    @ParameterizedTest
    @EnumSource(LintRule.class)
    void theBadExampleBreaksTheRuleAndTheGoodOneDoesNot(LintRule rule) {
        LintOptions options = LintOptions.defaults().withEnabledRules(Set.of(rule.id()));
        assertThat(ids(rule.badExample(), options)).as(rule.badExample()).contains(rule.id());
        assertThat(ids(rule.goodExample(), options)).as(rule.goodExample()).doesNotContain(rule.id());
    }

    private static List<String> ids(String sql, LintOptions options) {
        return MigrationLinter.lint(List.of(MigrationLinterTest.migration(1, sql)), options).stream()
                .map(finding -> finding.rule().id()).toList();
    }
}
