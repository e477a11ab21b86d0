package io.msr.internal.lint;

import io.msr.internal.sql.SqlToken;
import io.msr.internal.sql.TransactionControl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules applied to one statement's tokens, learning from it what {@link LintState} records. */
final class StatementRules {

    /** CREATE objects that take IF NOT EXISTS, so a non-transactional file can run them again. */
    private static final Set<String> IF_NOT_EXISTS = Set.of("TABLE", "INDEX", "SCHEMA", "SEQUENCE", "EXTENSION",
            "MATERIALIZED");
    /** CREATE objects that take OR REPLACE. */
    private static final Set<String> OR_REPLACE = Set.of("VIEW", "FUNCTION", "PROCEDURE", "TRIGGER");
    private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP",
            "TEMPORARY", "UNLOGGED", "UNIQUE", "RECURSIVE");

    private StatementRules() {
    }

    static List<MigrationLinter.Hit> check(List<SqlToken> tokens, LintState state) {
        List<MigrationLinter.Hit> hits = new ArrayList<>();
        if (tokens.isEmpty()) {
            return hits;
        }
        SqlToken first = tokens.get(0);
        if (first.is("CREATE")) {
            create(tokens, state, hits);
        } else if (first.is("ALTER") && at(tokens, 1, "TABLE")) {
            AlterTableRules.check(tokens, state, hits);
        } else if (first.is("DROP")) {
            drop(tokens, state, hits);
        } else if (first.is("REINDEX")) {
            concurrently(tokens, tokens.stream().anyMatch(token -> token.is("CONCURRENTLY")), LintRule.REINDEX_NOT_CONCURRENTLY,
                    first, state, hits);
        } else if (first.is("TRUNCATE")) {
            if (indexOf(tokens, 1, "CASCADE") >= 0) {
                hits.add(new MigrationLinter.Hit(LintRule.TRUNCATE_CASCADE, first.offset()));
            }
        } else if (TransactionControl.of(tokens) != null) {
            if (state.transactional) {
                hits.add(new MigrationLinter.Hit(LintRule.TRANSACTION_CONTROL, first.offset()));
            }
        } else if (first.is("INSERT") || first.is("MERGE")) {
            int into = indexOf(tokens, 1, "INTO");
            if (into >= 0 && into + 1 < tokens.size()) {
                state.filled(tableName(tokens, into + 1));
            }
        } else if (first.is("COPY") && tokens.size() > 1 && indexOf(tokens, 1, "FROM") >= 0) {
            state.filled(tableName(tokens, 1));
        } else if (first.is("SELECT")) {
            selectInto(tokens, state);
        } else if (first.is("VACUUM") && tokens.stream().anyMatch(token -> token.is("FULL"))) {
            hits.add(new MigrationLinter.Hit(LintRule.VACUUM_FULL, first.offset()));
        } else if (first.is("CLUSTER")) {
            hits.add(new MigrationLinter.Hit(LintRule.CLUSTER, first.offset()));
        } else if (first.is("LOCK")) {
            hits.add(new MigrationLinter.Hit(LintRule.LOCK_TABLE, first.offset()));
        }
        return hits;
    }

    /** Reports the plain form, or the CONCURRENTLY form inside a transaction. */
    static void concurrently(List<SqlToken> tokens, boolean concurrently, LintRule plain, SqlToken where,
            LintState state, List<MigrationLinter.Hit> hits) {
        if (!concurrently) {
            hits.add(new MigrationLinter.Hit(plain, where.offset()));
        } else if (state.transactional) {
            hits.add(new MigrationLinter.Hit(LintRule.CONCURRENTLY_IN_TRANSACTION, where.offset()));
        }
    }

    private static void create(List<SqlToken> tokens, LintState state, List<MigrationLinter.Hit> hits) {
        SqlToken first = tokens.get(0);
        int i = 1;
        while (i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.WORD
                && CREATE_MODIFIERS.contains(tokens.get(i).text())) {
            i++;
        }
        if (i >= tokens.size()) {
            return;
        }
        String kind = tokens.get(i).text();
        boolean orReplace = at(tokens, 1, "OR") && at(tokens, 2, "REPLACE");
        int ifNotExists = skip(tokens, kind.equals("MATERIALIZED") ? i + 2 : i + 1, "CONCURRENTLY");
        if (!state.transactional && (IF_NOT_EXISTS.contains(kind) && !at(tokens, ifNotExists, "IF")
                || OR_REPLACE.contains(kind) && !orReplace)) {
            hits.add(new MigrationLinter.Hit(LintRule.NON_IDEMPOTENT_OUTSIDE_TRANSACTION, first.offset()));
        }
        if (at(tokens, i, "TABLE")) {
            int name = skip(tokens, i + 1, "IF", "NOT", "EXISTS");
            if (name < tokens.size()) {
                state.created.add(tableName(tokens, name));
                columns(tokens, name, hits);
            }
        } else if (at(tokens, i, "MATERIALIZED") && at(tokens, i + 1, "VIEW")) {
            int name = skip(tokens, i + 2, "IF", "NOT", "EXISTS");
            if (name < tokens.size()) {
                state.created.add(tableName(tokens, name));
            }
        } else if (at(tokens, i, "INDEX")) {
            boolean concurrently = at(tokens, i + 1, "CONCURRENTLY");
            int on = indexOf(tokens, i + 1, "ON");
            if (on < 0) {
                return;
            }
            int table = skip(tokens, on + 1, "ONLY");
            if (table >= tokens.size()) {
                return;
            }
            String tableName = tableName(tokens, table);
            int indexName = skip(tokens, i + 1, "CONCURRENTLY", "IF", "NOT", "EXISTS");
            if (indexName < on) {
                state.createdIndexes.put(tableName(tokens, indexName), tableName);
            }
            if (concurrently && state.transactional) {
                hits.add(new MigrationLinter.Hit(LintRule.CONCURRENTLY_IN_TRANSACTION, first.offset()));
            } else if (!concurrently && state.hasRows(tableName)) {
                hits.add(new MigrationLinter.Hit(LintRule.CREATE_INDEX_NOT_CONCURRENTLY, first.offset()));
            }
        }
    }

    /** Reads the column definitions of CREATE TABLE name (...) for the style rules. */
    private static void columns(List<SqlToken> tokens, int name, List<MigrationLinter.Hit> hits) {
        int open = name + 1;
        while (open < tokens.size() && tokens.get(open).isSymbol(".")) {
            open += 2;
        }
        if (open >= tokens.size() || !tokens.get(open).isSymbol("(")) {
            return;
        }
        int depth = 0;
        boolean elementStart = false;
        for (int i = open; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
                elementStart = depth == 1;
                continue;
            }
            if (token.isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return;
                }
                continue;
            }
            if (depth == 1 && token.isSymbol(",")) {
                elementStart = true;
                continue;
            }
            if (elementStart && depth == 1) {
                elementStart = false;
                if (identifier(token) && !Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE",
                        "LIKE").contains(token.kind() == SqlToken.Kind.WORD ? token.text() : "")) {
                    Types.check(tokens, i + 1, hits);
                }
            }
        }
    }

    private static void drop(List<SqlToken> tokens, LintState state, List<MigrationLinter.Hit> hits) {
        SqlToken first = tokens.get(0);
        if (!state.transactional && !at(tokens, 1, "OWNED") && indexOf(tokens, 1, "EXISTS") < 0) {
            hits.add(new MigrationLinter.Hit(LintRule.NON_IDEMPOTENT_OUTSIDE_TRANSACTION, first.offset()));
        }
        if (at(tokens, 1, "TABLE")) {
            int name = skip(tokens, 2, "IF", "EXISTS");
            if (name < tokens.size() && !state.isNew(tableName(tokens, name))) {
                hits.add(new MigrationLinter.Hit(LintRule.DROP_TABLE, first.offset()));
            }
        } else if (at(tokens, 1, "INDEX")) {
            boolean concurrently = at(tokens, 2, "CONCURRENTLY");
            int name = skip(tokens, 2, "CONCURRENTLY", "IF", "EXISTS");
            String table = name < tokens.size() ? state.createdIndexes.get(tableName(tokens, name)) : null;
            if (concurrently || table == null || state.hasRows(table)) {
                concurrently(tokens, concurrently, LintRule.DROP_INDEX_NOT_CONCURRENTLY, first, state, hits);
            }
        } else if (at(tokens, 1, "DATABASE")) {
            hits.add(new MigrationLinter.Hit(LintRule.DROP_DATABASE, first.offset()));
        }
    }

    /** SELECT ... INTO [TEMP | UNLOGGED] [TABLE] name creates a table. */
    private static void selectInto(List<SqlToken> tokens, LintState state) {
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && token.is("FROM")) {
                return;
            } else if (depth == 0 && token.is("INTO")) {
                int name = skip(tokens, i + 1, "TEMPORARY", "TEMP", "UNLOGGED", "TABLE");
                if (name < tokens.size()) {
                    state.created.add(tableName(tokens, name));
                }
                return;
            }
        }
    }

    static boolean identifier(SqlToken token) {
        return token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    static boolean at(List<SqlToken> tokens, int index, String keyword) {
        return index < tokens.size() && tokens.get(index).is(keyword);
    }

    /** Returns the index of the first keyword at or after {@code from}, outside parentheses, or -1. */
    static int indexOf(List<SqlToken> tokens, int from, String keyword) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && token.is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index after any of the optional keywords, in order, starting at {@code from}. */
    static int skip(List<SqlToken> tokens, int from, String... optional) {
        int i = from;
        for (String keyword : optional) {
            if (at(tokens, i, keyword)) {
                i++;
            }
        }
        return i;
    }

    /** Returns the lower-cased table name at {@code index}, without its schema. */
    static String tableName(List<SqlToken> tokens, int index) {
        int i = index;
        while (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".")) {
            i += 2;
        }
        return tokens.get(i).text().toLowerCase(Locale.ROOT);
    }
}
