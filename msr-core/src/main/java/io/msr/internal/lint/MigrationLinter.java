package io.msr.internal.lint;

import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.source.SqlScript;
import io.msr.internal.sql.SqlLexer;
import io.msr.internal.sql.SqlStatement;
import io.msr.internal.sql.SqlToken;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks pending SQL migrations for statements that block traffic or break the previous application version
 * during a rolling update (see {@link LintRule}). Tables created earlier in the same run are new, so rules about
 * locking or validating existing rows do not apply to them. Pure: no database.
 *
 * <p>Rules over {@link SqlLexer} tokens, not a full parser: they understand the statements they are about (ALTER
 * TABLE with its comma-separated actions, CREATE INDEX, DROP TABLE, VACUUM, CLUSTER, LOCK) and never look inside
 * literals, comments or dollar-quoted bodies, which the splitter and the lint read with the same lexer.
 */
public final class MigrationLinter {

    private MigrationLinter() {
    }

    /** Returns the findings of the pending migrations, in order, leaving out disabled and allowed rules. */
    public static List<LintFinding> lint(List<ResolvedMigration> pending, Set<String> disabledRules) {
        List<LintFinding> findings = new ArrayList<>();
        Set<String> created = new HashSet<>();
        for (ResolvedMigration migration : pending) {
            SqlScript script = migration.up();
            if (script == null) {
                continue;
            }
            Set<String> allowed = allowed(script);
            for (SqlStatement statement : script.statements()) {
                for (Hit hit : StatementRules.check(tokens(statement), created)) {
                    if (!disabledRules.contains(hit.rule().id()) && !allowed.contains(hit.rule().id())) {
                        findings.add(new LintFinding(hit.rule(), migration.version(), script.fileName(),
                                script.lineOf(statement.offset() + hit.offset())));
                    }
                }
            }
        }
        return findings;
    }

    /** Returns the tokens the rules read: the statement's own, with offsets into its text. */
    static List<SqlToken> tokens(SqlStatement statement) {
        return SqlLexer.tokens(statement.sql());
    }

    /** Returns the rule ids of a file's {@code -- msr:allow=} directive. */
    public static Set<String> allowedRules(SqlScript script) {
        return allowed(script);
    }

    static Set<String> allowed(SqlScript script) {
        String value = script.directives().values().get("allow");
        Set<String> ids = new HashSet<>();
        if (value != null) {
            for (String id : value.split(",")) {
                ids.add(id.strip().toLowerCase(Locale.ROOT));
            }
        }
        return ids;
    }

    /** Returns the id of every rule, in declaration order. */
    public static List<String> ruleIds() {
        List<String> ids = new ArrayList<>();
        for (LintRule rule : LintRule.values()) {
            ids.add(rule.id());
        }
        return ids;
    }

    /** Returns the ids that name no rule. */
    public static List<String> unknownRules(Set<String> ids) {
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            boolean known = false;
            for (LintRule rule : LintRule.values()) {
                known |= rule.id().equals(id);
            }
            if (!known) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    /** A rule a statement breaks, and where in the statement. */
    record Hit(LintRule rule, int offset) {
    }
}
