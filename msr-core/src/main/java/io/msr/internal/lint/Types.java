package io.msr.internal.lint;

import io.msr.internal.sql.SqlToken;

import java.util.List;
import java.util.Set;

/** The column types the style rules and {@code add-column-volatile-default} look at. */
final class Types {

    private static final Set<String> SMALL_INTEGERS = Set.of("INT", "INTEGER", "INT4", "SMALLINT", "INT2");
    private static final Set<String> SMALL_SERIALS = Set.of("SERIAL", "SERIAL4", "SMALLSERIAL", "SERIAL2");
    private static final Set<String> SERIALS = Set.of("SERIAL", "SERIAL4", "SMALLSERIAL", "SERIAL2", "BIGSERIAL",
            "SERIAL8");

    private Types() {
    }

    /** Returns true when the type at {@code index} is a serial type. */
    static boolean serial(List<SqlToken> tokens, int index) {
        return index < tokens.size() && tokens.get(index).kind() == SqlToken.Kind.WORD
                && SERIALS.contains(tokens.get(index).text());
    }

    /** Adds the style findings of the type that starts at {@code index} (possibly schema-qualified: not a built-in). */
    static void check(List<SqlToken> tokens, int index, List<MigrationLinter.Hit> hits) {
        if (index >= tokens.size() || tokens.get(index).kind() != SqlToken.Kind.WORD
                || index + 1 < tokens.size() && tokens.get(index + 1).isSymbol(".")) {
            return;
        }
        SqlToken type = tokens.get(index);
        String name = type.text();
        if (SMALL_INTEGERS.contains(name) || SMALL_SERIALS.contains(name)) {
            hits.add(new MigrationLinter.Hit(LintRule.PREFER_BIGINT, type.offset()));
        }
        if (SERIALS.contains(name)) {
            hits.add(new MigrationLinter.Hit(LintRule.PREFER_IDENTITY, type.offset()));
        }
        if (name.equals("VARCHAR") || name.equals("CHAR") || name.equals("BPCHAR") || name.equals("CHARACTER")) {
            hits.add(new MigrationLinter.Hit(LintRule.PREFER_TEXT, type.offset()));
        }
        if (name.equals("JSON")) {
            hits.add(new MigrationLinter.Hit(LintRule.PREFER_JSONB, type.offset()));
        }
        if (name.equals("TIMESTAMP")) {
            int next = index + 1;
            if (next < tokens.size() && tokens.get(next).isSymbol("(")) {
                next += 3;
            }
            if (!StatementRules.at(tokens, next, "WITH")) {
                hits.add(new MigrationLinter.Hit(LintRule.PREFER_TIMESTAMPTZ, type.offset()));
            }
        }
    }
}
