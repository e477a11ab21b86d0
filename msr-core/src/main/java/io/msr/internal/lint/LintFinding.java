package io.msr.internal.lint;

import io.msr.Version;
import org.jspecify.annotations.Nullable;

/**
 * A statement of a pending migration that breaks a lint rule.
 *
 * @param rule    the rule
 * @param version the migration's version, null for a repeatable one
 * @param script  the file
 * @param line    the 1-based line of the statement's offending part (of the directive, for {@code unused-allow})
 * @param detail  what the finding is about when the rule alone does not say (e.g. the unused rule id), or null
 */
public record LintFinding(LintRule rule, @Nullable Version version, String script, int line, @Nullable String detail) {

    /** A finding without detail. */
    public LintFinding(LintRule rule, @Nullable Version version, String script, int line) {
        this(rule, version, script, line, null);
    }

    /** Returns true when the finding is an error whatever {@code msr.strict} says (the rule's level is ERROR). */
    public boolean error() {
        return rule.error();
    }

    /** Returns the finding as a sentence: where, which rule, what goes wrong, and the safe alternative. */
    public String message() {
        String where = "Migration " + (version == null ? "(repeatable)" : "V" + version) + " (" + script + ", line "
                + line + ") [" + rule.id() + "]: " + rule.problem() + (detail == null ? "" : " (" + detail + ")")
                + ". Safe alternative: " + rule.safeAlternative() + ".";
        String postDeploy = rule.breaksPreviousVersion() ? " Or mark the migration post-deploy (-- msr:phase="
                + "post-deploy): it then runs after every replica runs the new code, where this is fine." : "";
        return rule.error() || rule == LintRule.UNUSED_ALLOW ? where
                : where + postDeploy + " Suppress with -- msr:allow=" + rule.id() + " in the file if this is"
                        + " intended.";
    }
}
