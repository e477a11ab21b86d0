package io.msr.internal.lint;

import io.msr.internal.sql.SqlToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules applied to one statement's tokens; {@code created} collects the tables created so far in the run. */
final class StatementRules {

    private StatementRules() {
    }

    static List<MigrationLinter.Hit> check(List<SqlToken> tokens, Set<String> created) {
        List<MigrationLinter.Hit> hits = new ArrayList<>();
        if (tokens.isEmpty()) {
            return hits;
        }
        SqlToken first = tokens.get(0);
        if (first.is("CREATE")) {
            create(tokens, created, hits);
        } else if (first.is("ALTER") && at(tokens, 1, "TABLE")) {
            AlterTableRules.check(tokens, created, hits);
        } else if (first.is("DROP") && at(tokens, 1, "TABLE")) {
            int name = skip(tokens, 2, "IF", "EXISTS");
            if (name < tokens.size() && !created.contains(tableName(tokens, name))) {
                hits.add(new MigrationLinter.Hit(LintRule.DROP_TABLE, first.offset()));
            }
        } else if (first.is("VACUUM") && tokens.stream().anyMatch(token -> token.is("FULL"))) {
            hits.add(new MigrationLinter.Hit(LintRule.VACUUM_FULL, first.offset()));
        } else if (first.is("CLUSTER")) {
            hits.add(new MigrationLinter.Hit(LintRule.CLUSTER, first.offset()));
        } else if (first.is("LOCK")) {
            hits.add(new MigrationLinter.Hit(LintRule.LOCK_TABLE, first.offset()));
        }
        return hits;
    }

    private static void create(List<SqlToken> tokens, Set<String> created, List<MigrationLinter.Hit> hits) {
        int i = 1;
        while (i < tokens.size() && (tokens.get(i).is("OR") || tokens.get(i).is("REPLACE") || tokens.get(i).is("GLOBAL")
                || tokens.get(i).is("LOCAL") || tokens.get(i).is("TEMP") || tokens.get(i).is("TEMPORARY")
                || tokens.get(i).is("UNLOGGED") || tokens.get(i).is("UNIQUE"))) {
            i++;
        }
        if (at(tokens, i, "TABLE")) {
            int name = skip(tokens, i + 1, "IF", "NOT", "EXISTS");
            if (name < tokens.size()) {
                created.add(tableName(tokens, name));
            }
        } else if (at(tokens, i, "INDEX") && !at(tokens, i + 1, "CONCURRENTLY")) {
            for (int on = i + 1; on < tokens.size(); on++) {
                if (tokens.get(on).is("ON")) {
                    int name = skip(tokens, on + 1, "ONLY");
                    if (name < tokens.size() && !created.contains(tableName(tokens, name))) {
                        hits.add(new MigrationLinter.Hit(LintRule.CREATE_INDEX_NOT_CONCURRENTLY, tokens.get(0).offset()));
                    }
                    return;
                }
            }
        }
    }

    static boolean at(List<SqlToken> tokens, int index, String keyword) {
        return index < tokens.size() && tokens.get(index).is(keyword);
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
