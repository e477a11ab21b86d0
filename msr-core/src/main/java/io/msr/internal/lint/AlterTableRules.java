package io.msr.internal.lint;

import io.msr.internal.sql.SqlToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules of ALTER TABLE, applied to each of its comma-separated actions. */
final class AlterTableRules {

    private AlterTableRules() {
    }

    static void check(List<SqlToken> tokens, Set<String> created, List<MigrationLinter.Hit> hits) {
        int name = StatementRules.skip(tokens, 2, "IF", "EXISTS", "ONLY");
        if (name >= tokens.size()) {
            return;
        }
        boolean existing = !created.contains(StatementRules.tableName(tokens, name));
        int start = name + 1;
        while (start < tokens.size() && tokens.get(start).isSymbol(".")) {
            start += 2;
        }
        for (List<SqlToken> action : actions(tokens, start)) {
            action(action, existing, hits);
        }
    }

    private static void action(List<SqlToken> action, boolean existing, List<MigrationLinter.Hit> hits) {
        if (action.isEmpty()) {
            return;
        }
        SqlToken verb = action.get(0);
        if (verb.is("ADD")) {
            int next = StatementRules.skip(action, 1, "CONSTRAINT");
            if (next > 1) {
                next++;
            }
            boolean constraint = StatementRules.at(action, next, "FOREIGN") || StatementRules.at(action, next, "CHECK");
            boolean notValid = contains(action, "NOT", "VALID");
            if (constraint) {
                if (existing && !notValid) {
                    hits.add(new MigrationLinter.Hit(LintRule.CONSTRAINT_WITHOUT_NOT_VALID, verb.offset()));
                }
            } else if (!StatementRules.at(action, next, "PRIMARY") && !StatementRules.at(action, next, "UNIQUE")
                    && !StatementRules.at(action, next, "EXCLUDE")) {
                if (existing && contains(action, "NOT", "NULL") && !contains(action, "DEFAULT")
                        && !contains(action, "GENERATED")) {
                    hits.add(new MigrationLinter.Hit(LintRule.ADD_COLUMN_NOT_NULL, verb.offset()));
                }
                if (existing && contains(action, "REFERENCES")) {
                    hits.add(new MigrationLinter.Hit(LintRule.CONSTRAINT_WITHOUT_NOT_VALID, verb.offset()));
                }
            }
        } else if (verb.is("ALTER") && existing) {
            if (contains(action, "SET", "NOT", "NULL")) {
                hits.add(new MigrationLinter.Hit(LintRule.SET_NOT_NULL, verb.offset()));
            } else if (contains(action, "TYPE")) {
                hits.add(new MigrationLinter.Hit(LintRule.CHANGE_COLUMN_TYPE, verb.offset()));
            }
        } else if (verb.is("DROP") && !StatementRules.at(action, 1, "CONSTRAINT") && existing) {
            hits.add(new MigrationLinter.Hit(LintRule.DROP_COLUMN, verb.offset()));
        } else if (verb.is("RENAME") && existing) {
            if (StatementRules.at(action, 1, "TO")) {
                hits.add(new MigrationLinter.Hit(LintRule.RENAME_TABLE, verb.offset()));
            } else if (!StatementRules.at(action, 1, "CONSTRAINT")) {
                hits.add(new MigrationLinter.Hit(LintRule.RENAME_COLUMN, verb.offset()));
            }
        }
    }

    /** Splits the actions at commas outside parentheses. */
    private static List<List<SqlToken>> actions(List<SqlToken> tokens, int start) {
        List<List<SqlToken>> actions = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        int depth = 0;
        for (int i = start; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            }
            if (depth == 0 && (token.isSymbol(",") || token.isSymbol(";"))) {
                actions.add(current);
                current = new ArrayList<>();
            } else {
                current.add(tokens.get(i));
            }
        }
        actions.add(current);
        return actions;
    }

    /** Returns true when the keywords appear consecutively in the action. */
    private static boolean contains(List<SqlToken> action, String... keywords) {
        for (int i = 0; i + keywords.length <= action.size(); i++) {
            boolean all = true;
            for (int k = 0; k < keywords.length && all; k++) {
                all = action.get(i + k).is(keywords[k]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
