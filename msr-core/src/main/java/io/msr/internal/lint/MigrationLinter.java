package io.msr.internal.lint;

import io.msr.DeployPhase;
import io.msr.TransactionMode;
import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.source.SqlScript;
import io.msr.internal.sql.SqlLexer;
import io.msr.internal.sql.SqlStatement;
import io.msr.internal.sql.SqlToken;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks pending SQL migrations for statements that block traffic or break the previous application version
 * during a rolling update, that cannot run as written, or that break a style rule (see {@link LintRule}). Tables,
 * materialized views and partitions created earlier in the same run (also by {@code CREATE TABLE AS} and
 * {@code SELECT INTO}) are new: the rules about the previous version do not apply to them, nor, until they receive
 * rows ({@code INSERT}, {@code COPY}, {@code MERGE}), those about existing rows. Nor do those rules apply to a
 * post-deploy migration, which runs once no replica runs the previous version. Pure: no database.
 *
 * <p>Rules over {@link SqlLexer} tokens, not a full parser: they understand the statements they are about and never
 * look inside literals, comments or dollar-quoted bodies, which the splitter and the lint read with the same lexer.
 */
public final class MigrationLinter {

    private MigrationLinter() {
    }

    /** Returns the findings with the default options and these rules disabled (see {@link #lint(List, LintOptions)}). */
    public static List<LintFinding> lint(List<ResolvedMigration> pending, Set<String> disabledRules) {
        return lint(pending, LintOptions.defaults().withDisabledRules(disabledRules));
    }

    /**
     * Returns the findings of the pending migrations, in order, leaving out disabled, not enabled and allowed rules;
     * an {@code msr:allow} rule that silenced nothing in its file is an {@code unused-allow} finding at the
     * directive's line.
     */
    public static List<LintFinding> lint(List<ResolvedMigration> pending, LintOptions options) {
        List<LintFinding> findings = new ArrayList<>();
        LintState state = new LintState(options.postgresVersion());
        boolean batchOpen = false;
        for (ResolvedMigration migration : pending) {
            boolean transactional = migration.transactionalUp(options.transactionMode());
            if (!(transactional && batchOpen && options.transactionMode() == TransactionMode.PER_BATCH)) {
                state.notValid.clear();
            }
            batchOpen = transactional;
            SqlScript script = migration.up();
            if (script == null) {
                continue;
            }
            state.transactional = transactional;
            Set<String> allowed = allowed(script);
            Set<String> used = new HashSet<>();
            boolean postDeploy = migration.phase() == DeployPhase.POST_DEPLOY;
            for (SqlStatement statement : script.statements()) {
                for (Hit hit : StatementRules.check(tokens(statement), state)) {
                    if (!options.reports(hit.rule())) {
                        continue;
                    }
                    if (postDeploy && hit.rule().breaksPreviousVersion()) {
                        // Fine after the rollout; an allow written for it before the file was marked is not unused.
                        used.add(hit.rule().id());
                    } else if (allowed.contains(hit.rule().id())) {
                        used.add(hit.rule().id());
                    } else {
                        findings.add(new LintFinding(hit.rule(), migration.version(), script.fileName(),
                                script.lineOf(statement.offset() + hit.offset())));
                    }
                }
                if (!transactional) {
                    state.notValid.clear();
                }
            }
            if (options.reports(LintRule.UNUSED_ALLOW) && !allowed.contains(LintRule.UNUSED_ALLOW.id())) {
                for (String id : allowed) {
                    LintRule rule = LintRule.byId(id);
                    if (rule != null && options.reports(rule) && !used.contains(id)) {
                        findings.add(new LintFinding(LintRule.UNUSED_ALLOW, migration.version(), script.fileName(),
                                script.lineOf(Math.max(0, script.text().indexOf("msr:allow"))),
                                "msr:allow=" + id + " in this file"));
                    }
                }
            }
        }
        return findings;
    }

    /**
     * The most tokens of one statement the rules read. Every rule decides from a statement's head (its kind, target,
     * column list, ALTER TABLE actions), which is far shorter; a 50 MB multi-row INSERT has millions of tokens, which
     * would take gigabytes of heap if all were kept.
     */
    static final int MAX_TOKENS = 100_000;

    /** Returns the tokens the rules read: the statement's own, at most {@link #MAX_TOKENS}, with offsets into its text. */
    static List<SqlToken> tokens(SqlStatement statement) {
        List<SqlToken> tokens = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(statement.sql());
        for (SqlToken token = lexer.next(); token != null; token = tokens.size() < MAX_TOKENS ? lexer.next() : null) {
            tokens.add(token);
        }
        return tokens;
    }

    /** Returns the rule ids of a file's {@code -- msr:allow=} directive. */
    public static Set<String> allowedRules(SqlScript script) {
        return allowed(script);
    }

    static Set<String> allowed(SqlScript script) {
        String value = script.directives().values().get("allow");
        Set<String> ids = new LinkedHashSet<>();
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
            if (LintRule.byId(id) == null) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    /** A rule a statement breaks, and where in the statement. */
    record Hit(LintRule rule, int offset) {
    }
}
