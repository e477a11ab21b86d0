package io.msr.internal.lint;

/**
 * Generates {@code docs/lint-rules.md} from the rules, so the page cannot drift from them: {@code LintRuleDocsTest}
 * fails when the page differs, and rewrites it when run with {@code -Dmsr.lint.docs.write=true}.
 */
final class LintRuleDocs {

    private LintRuleDocs() {
    }

    /** Returns the page: every rule with its level, what goes wrong, the safe alternative, a bad and a good example. */
    public static String markdown() {
        StringBuilder page = new StringBuilder();
        page.append("# Lint rules\n\n")
                .append("<!-- Generated from io.msr.internal.lint.LintRule by LintRuleDocs; do not edit by hand."
                        + " Regenerate: ./mvnw -o -B test -pl msr-core -am -Dtest=LintRuleDocsTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dmsr.lint.docs.write=true -->\n\n")
                .append("Before executing, MSR checks pending SQL migrations with these rules. A finding names the"
                        + " file, line and rule. Warnings are validation errors with `msr.strict=true`; errors"
                        + " always are (exit code 2, nothing executed). `-- msr:allow=<rule>` in a file or"
                        + " `msr.lint.disabled-rules` silence a rule; style rules are off until named in"
                        + " `msr.lint.enabled-rules`. Version-aware rules assume `msr.lint.postgres-version`, by"
                        + " default the connected server's major version (PostgreSQL " + LintOptions.NEWEST_POSTGRES_VERSION
                        + " offline). Rules marked *previous version* are about the application version that"
                        + " still runs while a pre-deploy migration applies: they are not reported in a migration"
                        + " marked `-- msr:phase=post-deploy`, which runs once every replica runs the new code.\n\n")
                .append("| rule | level |\n|---|---|\n");
        for (LintRule rule : LintRule.values()) {
            page.append("| [`").append(rule.id()).append("`](#").append(rule.id()).append(") | ")
                    .append(level(rule)).append(rule.breaksPreviousVersion() ? ", previous version" : "")
                    .append(" |\n");
        }
        for (LintRule rule : LintRule.values()) {
            page.append("\n## ").append(rule.id()).append("\n\n")
                    .append("Level: ").append(level(rule)).append(".\n\n")
                    .append(rule.breaksPreviousVersion() ? "Previous version: fine in a post-deploy migration"
                            + " (`-- msr:phase=post-deploy`), which runs after every replica runs the new code.\n\n"
                            : "")
                    .append("Why: ").append(capitalized(rule.problem())).append(".\n\n")
                    .append("Instead: ").append(rule.safeAlternative()).append(".\n\n")
                    .append("Bad:\n\n```sql\n").append(rule.badExample()).append("\n```\n\n")
                    .append("Good:\n\n```sql\n").append(rule.goodExample()).append("\n```\n");
        }
        return page.toString();
    }

    private static String level(LintRule rule) {
        return switch (rule.level()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case STYLE -> "style (off by default)";
        };
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
