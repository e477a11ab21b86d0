package io.msr.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Valid PostgreSQL scripts from a seeded generator, mixing what is easy to split wrong: parentheses and brackets that
 * nest around semicolons (rules with several actions), comments ending in every line ending, dollar quotes with tags
 * (non-ASCII ones too), {@code E''} and {@code U&''} literals, literals continued on another line, {@code BEGIN ATOMIC}
 * bodies with {@code end} and {@code case} as column labels, and non-ASCII spaces that are identifier characters. The
 * same seed gives the same scripts, so a golden file of PostgreSQL's splits stays valid.
 */
final class GeneratedScripts {

    private static final String[] LINE_ENDS = {"\n", "\r\n", "\r"};
    private static final String[] ODD_CHARACTERS = {"\u3000", "\u00A0", "\u2003", "\u200B", "\u0085", "\u2028", "é"};

    private final Random random;

    private GeneratedScripts(long seed) {
        this.random = new Random(seed);
    }

    /** Returns {@code count} scripts generated from {@code seed}. */
    static List<String> generate(long seed, int count) {
        GeneratedScripts generator = new GeneratedScripts(seed);
        List<String> scripts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scripts.add(generator.script());
        }
        return scripts;
    }

    private String script() {
        StringBuilder script = new StringBuilder();
        if (chance(4)) {
            script.append(gap());
        }
        int statements = 1 + random.nextInt(6);
        for (int i = 0; i < statements; i++) {
            script.append(statement());
            if (i < statements - 1 || !chance(5)) {
                script.append(gap()).append(';');
                if (chance(8)) {
                    script.append(gap()).append(';');
                }
            }
            script.append(gap());
        }
        return script.toString();
    }

    private String statement() {
        return switch (random.nextInt(9)) {
            case 0 -> "SELECT " + expression(2) + " AS " + label() + gap() + ", " + expression(2) + " FROM t";
            case 1 -> "INSERT INTO t" + gap() + "VALUES (" + expression(2) + ", " + expression(2) + ")";
            case 2 -> rule();
            case 3, 4 -> atomicFunction();
            case 5 -> "CREATE FUNCTION f" + random.nextInt(99) + "() RETURNS int LANGUAGE sql AS " + dollarQuoted()
                    + gap() + "STABLE";
            case 6 -> "DO " + dollarQuoted();
            case 7 -> "SELECT x" + odd() + "$$" + odd() + " FROM t" + gap() + "WHERE " + expression(2);
            default -> "PREPARE p" + random.nextInt(99) + " (int) AS SELECT $1" + gap() + "+ " + expression(1);
        };
    }

    private String rule() {
        StringBuilder actions = new StringBuilder("(");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            actions.append(i > 0 ? ";" + gap() : "").append("INSERT INTO log VALUES (").append(expression(2)).append(')');
        }
        if (chance(3)) {
            actions.append(';');
        }
        return "CREATE RULE r AS ON INSERT TO t" + gap() + "DO " + (chance(2) ? "ALSO " : "INSTEAD ") + actions + ")";
    }

    private String atomicFunction() {
        StringBuilder body = new StringBuilder();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            body.append(switch (random.nextInt(6)) {
                case 0 -> "SELECT 1 AS end, t.end, " + expression(2) + " AS case FROM t";
                case 1 -> "SELECT x end FROM t";
                case 2 -> "SELECT t.case, (SELECT 2 AS end) FROM t WHERE " + expression(2);
                case 3 -> "INSERT INTO log VALUES (" + expression(2) + ")";
                case 4 -> "SELECT " + caseExpression(2) + " end FROM t";
                default -> "SELECT CASE WHEN t.end THEN 1 END AS \"end;\" FROM t";
            }).append(gap()).append(';').append(gap());
        }
        String routine = chance(2) ? "FUNCTION" : "PROCEDURE";
        String returns = routine.equals("FUNCTION") ? " RETURNS int" : "";
        String last = routine.equals("FUNCTION") && chance(2) ? "RETURN " + caseExpression(2) + ";" + gap() : "";
        if (routine.equals("FUNCTION") && last.isEmpty() && count == 0) {
            last = "SELECT 1;";
        }
        return "CREATE " + (chance(2) ? "OR REPLACE " : "") + routine + " g" + random.nextInt(99) + "()" + returns
                + gap() + "LANGUAGE sql" + gap() + "BEGIN ATOMIC" + gap() + body + last + "END";
    }

    private String expression(int depth) {
        if (depth <= 0) {
            return literal();
        }
        return switch (random.nextInt(7)) {
            case 0 -> "(" + gap() + expression(depth - 1) + gap() + ")";
            case 1 -> "(ARRAY[" + expression(depth - 1) + ", (" + expression(depth - 1) + ")])[1]";
            case 2 -> caseExpression(depth - 1);
            case 3 -> expression(depth - 1) + " +" + (chance(2) ? "-- c;" + lineEnd() : "/* c; */") + " "
                    + expression(depth - 1);
            case 4 -> "coalesce(" + expression(depth - 1) + "," + gap() + expression(depth - 1) + ")";
            default -> literal();
        };
    }

    private String caseExpression(int depth) {
        return "CASE WHEN " + expression(depth) + " IS NULL THEN " + expression(depth) + " ELSE "
                + expression(depth) + " END";
    }

    private String literal() {
        return switch (random.nextInt(12)) {
            case 0 -> String.valueOf(random.nextInt(1000));
            case 1 -> "1.5e-3";
            case 2 -> "'a;b''c" + odd() + "'";
            case 3 -> "E'it\\'s; \\\\'";
            case 4 -> "U&'d!0061t;' UESCAPE '!'";
            case 5 -> "U&'\\0061;\\\\'";
            case 6 -> "'con;'" + continuation() + "'tinued;'";
            case 7 -> "E'con\\';'" + continuation() + "'\\';tinued'";
            case 8 -> "\"co;l\"\"" + odd() + "\"";
            case 9 -> dollarQuoted();
            case 10 -> "B'1010'";
            default -> "t.\"end\"";
        };
    }

    /**
     * Whitespace with a line end, as the server continues a literal. The server also allows {@code --} comments there,
     * but libpg_query (the oracle) does not, so those cases are held to the server in {@code SqlContinuationTest}.
     */
    private String continuation() {
        return (chance(2) ? " " : "") + lineEnd() + (chance(3) ? " " + lineEnd() : "") + (chance(2) ? "\t" : "");
    }

    private String dollarQuoted() {
        String tag = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "fn";
            case 2 -> "ä_1";
            default -> "_";
        };
        String inner = chance(2) ? "$x$;$x$" : "';'";
        return "$" + tag + "$ SELECT 1; " + (tag.isEmpty() ? "" : "$$;$$ ") + inner + " $" + tag + "$";
    }

    private String label() {
        return switch (random.nextInt(5)) {
            case 0 -> "end";
            case 1 -> "case";
            case 2 -> "a" + odd() + "$$";
            case 3 -> "\"x;\"";
            default -> "b";
        };
    }

    private String gap() {
        return switch (random.nextInt(10)) {
            case 0 -> "-- note; 'x" + lineEnd();
            case 1 -> "/* a; /* nested; ' */ $$ */";
            case 2 -> lineEnd();
            case 3 -> "\t";
            case 4 -> "\f";
            case 5 -> " --" + lineEnd() + " ";
            default -> " ";
        };
    }

    private String odd() {
        return chance(2) ? ODD_CHARACTERS[random.nextInt(ODD_CHARACTERS.length)] : "";
    }

    private String lineEnd() {
        return LINE_ENDS[random.nextInt(LINE_ENDS.length)];
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }
}
