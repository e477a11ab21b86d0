package io.msr.internal.lint;

import io.msr.internal.sql.SqlToken;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules of ALTER TABLE, applied to each of its comma-separated actions. */
final class AlterTableRules {

    /** Functions whose value differs per row, so a DEFAULT calling them rewrites the table. */
    private static final Set<String> VOLATILE = Set.of("RANDOM", "GEN_RANDOM_UUID", "UUID_GENERATE_V1",
            "UUID_GENERATE_V1MC", "UUID_GENERATE_V4", "UUIDV4", "UUIDV7", "CLOCK_TIMESTAMP", "TIMEOFDAY", "NEXTVAL",
            "RANDOM_NORMAL", "TXID_CURRENT");
    /** Where a column's DEFAULT expression ends. */
    private static final Set<String> AFTER_DEFAULT = Set.of("NOT", "NULL", "CHECK", "REFERENCES", "CONSTRAINT",
            "UNIQUE", "PRIMARY", "GENERATED", "COLLATE");

    private AlterTableRules() {
    }

    static void check(List<SqlToken> tokens, LintState state, List<MigrationLinter.Hit> hits) {
        int name = StatementRules.skip(tokens, 2, "IF", "EXISTS", "ONLY");
        if (name >= tokens.size()) {
            return;
        }
        String table = StatementRules.tableName(tokens, name);
        int start = name + 1;
        while (start < tokens.size() && tokens.get(start).isSymbol(".")) {
            start += 2;
        }
        for (List<SqlToken> action : actions(tokens, start)) {
            action(action, table, state, hits);
        }
    }

    private static void action(List<SqlToken> action, String table, LintState state,
            List<MigrationLinter.Hit> hits) {
        if (action.isEmpty()) {
            return;
        }
        boolean existing = !state.isNew(table);
        boolean rows = state.hasRows(table);
        SqlToken verb = action.get(0);
        if (verb.is("ADD")) {
            add(action, table, state, hits);
        } else if (verb.is("ALTER")) {
            int column = StatementRules.skip(action, 1, "COLUMN");
            String name = column < action.size() ? action.get(column).text().toLowerCase(Locale.ROOT) : "";
            if (contains(action, "SET", "NOT", "NULL")) {
                boolean checked = state.postgresVersion >= 12 && state.validatedNotNull.contains(table + "." + name);
                if (rows && !checked) {
                    hits.add(new MigrationLinter.Hit(LintRule.SET_NOT_NULL, verb.offset()));
                }
            } else if (contains(action, "TYPE")) {
                if (rows) {
                    hits.add(new MigrationLinter.Hit(LintRule.CHANGE_COLUMN_TYPE, verb.offset()));
                }
                Types.check(action, indexOf(action, "TYPE") + 1, hits);
            }
        } else if (verb.is("DROP")) {
            if (!state.transactional && !contains(action, "IF", "EXISTS")) {
                hits.add(new MigrationLinter.Hit(LintRule.NON_IDEMPOTENT_OUTSIDE_TRANSACTION, verb.offset()));
            }
            if (!StatementRules.at(action, 1, "CONSTRAINT") && existing) {
                hits.add(new MigrationLinter.Hit(LintRule.DROP_COLUMN, verb.offset()));
            }
        } else if (verb.is("RENAME") && existing) {
            if (StatementRules.at(action, 1, "TO")) {
                hits.add(new MigrationLinter.Hit(LintRule.RENAME_TABLE, verb.offset()));
            } else if (!StatementRules.at(action, 1, "CONSTRAINT")) {
                hits.add(new MigrationLinter.Hit(LintRule.RENAME_COLUMN, verb.offset()));
            }
        } else if (verb.is("VALIDATE") && StatementRules.at(action, 1, "CONSTRAINT") && action.size() > 2) {
            String constraint = action.get(2).text().toLowerCase(Locale.ROOT);
            if (state.notValid.contains(constraint)) {
                hits.add(new MigrationLinter.Hit(LintRule.VALIDATE_IN_SAME_TRANSACTION, verb.offset()));
            }
            String column = state.notNullChecks.get(constraint);
            if (column != null) {
                state.validatedNotNull.add(column);
            }
        } else if (verb.is("DETACH") && StatementRules.at(action, 1, "PARTITION") && existing
                && !contains(action, "FINALIZE")) {
            StatementRules.concurrently(action, contains(action, "CONCURRENTLY"),
                    LintRule.DETACH_PARTITION_NOT_CONCURRENTLY, verb, state, hits);
        }
    }

    private static void add(List<SqlToken> action, String table, LintState state, List<MigrationLinter.Hit> hits) {
        SqlToken verb = action.get(0);
        boolean rows = state.hasRows(table);
        String constraintName = null;
        int next = 1;
        if (StatementRules.at(action, 1, "CONSTRAINT") && action.size() > 2) {
            constraintName = action.get(2).text().toLowerCase(Locale.ROOT);
            next = 3;
        }
        boolean notValid = contains(action, "NOT", "VALID");
        if (StatementRules.at(action, next, "FOREIGN") || StatementRules.at(action, next, "CHECK")) {
            if (rows && !notValid) {
                hits.add(new MigrationLinter.Hit(LintRule.CONSTRAINT_WITHOUT_NOT_VALID, verb.offset()));
            }
            if (constraintName != null && notValid) {
                state.notValid.add(constraintName);
            }
            String column = notNullCheck(action, next);
            if (column != null) {
                if (constraintName != null) {
                    state.notNullChecks.put(constraintName, table + "." + column);
                }
                if (!notValid) {
                    state.validatedNotNull.add(table + "." + column);
                }
            }
        } else if (StatementRules.at(action, next, "PRIMARY") || StatementRules.at(action, next, "UNIQUE")) {
            if (rows && !contains(action, "USING", "INDEX")) {
                hits.add(new MigrationLinter.Hit(LintRule.ADD_UNIQUE_WITHOUT_INDEX, verb.offset()));
            }
        } else if (!StatementRules.at(action, next, "EXCLUDE")) {
            column(action, rows, state, hits);
        }
    }

    /** ADD [COLUMN] [IF NOT EXISTS] name type [constraints]. */
    private static void column(List<SqlToken> action, boolean rows, LintState state, List<MigrationLinter.Hit> hits) {
        SqlToken verb = action.get(0);
        int name = StatementRules.skip(action, 1, "COLUMN", "IF", "NOT", "EXISTS");
        if (!state.transactional && !contains(action, "IF", "NOT", "EXISTS")) {
            hits.add(new MigrationLinter.Hit(LintRule.NON_IDEMPOTENT_OUTSIDE_TRANSACTION, verb.offset()));
        }
        Types.check(action, name + 1, hits);
        if (!rows) {
            return;
        }
        boolean generated = contains(action, "GENERATED");
        boolean rewritingGenerated = generated && (contains(action, "STORED") || contains(action, "IDENTITY"));
        int defaultAt = indexOf(action, "DEFAULT");
        if (contains(action, "NOT", "NULL") && defaultAt < 0 && !generated) {
            hits.add(new MigrationLinter.Hit(LintRule.ADD_COLUMN_NOT_NULL, verb.offset()));
        }
        if (contains(action, "REFERENCES")) {
            hits.add(new MigrationLinter.Hit(LintRule.CONSTRAINT_WITHOUT_NOT_VALID, verb.offset()));
        }
        if (rewritingGenerated || Types.serial(action, name + 1) || defaultAt >= 0 && rewritingDefault(action, defaultAt + 1,
                state.postgresVersion)) {
            hits.add(new MigrationLinter.Hit(LintRule.ADD_COLUMN_VOLATILE_DEFAULT, verb.offset()));
        }
    }

    /**
     * Returns true when adding a column with the default at {@code from} rewrites the table: any non-null default
     * before PostgreSQL 11, a volatile one since.
     */
    private static boolean rewritingDefault(List<SqlToken> action, int from, int postgresVersion) {
        int depth = 0;
        boolean nullOnly = true;
        for (int i = from; i < action.size(); i++) {
            SqlToken token = action.get(i);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && token.kind() == SqlToken.Kind.WORD && AFTER_DEFAULT.contains(token.text())
                    && !(i == from && token.is("NULL"))) {
                break;
            }
            nullOnly &= i == from && token.is("NULL");
            if (token.kind() == SqlToken.Kind.WORD && VOLATILE.contains(token.text()) && i + 1 < action.size()
                    && action.get(i + 1).isSymbol("(")) {
                return true;
            }
        }
        return postgresVersion < 11 && !nullOnly;
    }

    /** Returns the column of CHECK (col IS NOT NULL), or null. */
    private static @Nullable String notNullCheck(List<SqlToken> action, int check) {
        if (StatementRules.at(action, check, "CHECK") && action.size() > check + 6
                && action.get(check + 1).isSymbol("(") && StatementRules.identifier(action.get(check + 2))
                && action.get(check + 3).is("IS") && action.get(check + 4).is("NOT")
                && action.get(check + 5).is("NULL") && action.get(check + 6).isSymbol(")")) {
            return action.get(check + 2).text().toLowerCase(Locale.ROOT);
        }
        return null;
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

    private static int indexOf(List<SqlToken> action, String keyword) {
        return StatementRules.indexOf(action, 0, keyword);
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
