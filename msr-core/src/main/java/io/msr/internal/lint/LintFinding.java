package io.msr.internal.lint;

import io.msr.Version;

/**
 * A statement of a pending migration that breaks a zero-downtime rule.
 *
 * @param rule    the rule
 * @param version the migration's version
 * @param script  the file
 * @param line    the 1-based line of the statement's offending part
 */
public record LintFinding(LintRule rule, Version version, String script, int line) {

    /** Returns the finding as a sentence: where, which rule, what goes wrong, and the safe alternative. */
    public String message() {
        return "Migration " + (version == null ? "(repeatable)" : "V" + version) + " (" + script + ", line " + line + ") [" + rule.id() + "]: " + rule.problem()
                + ". Safe alternative: " + rule.safeAlternative() + ". Suppress with -- msr:allow=" + rule.id()
                + " in the file if this is intended.";
    }
}
