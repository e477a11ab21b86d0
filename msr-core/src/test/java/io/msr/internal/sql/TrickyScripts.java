package io.msr.internal.sql;

import java.util.List;

/**
 * Scripts whose statement ends are easy to get wrong, each with the statements PostgreSQL sees in it. The splitter's
 * test and the lint's test both run them, so the two users of {@link SqlLexer} are held to the same ends.
 */
public final class TrickyScripts {

    private TrickyScripts() {
    }

    /**
     * A script and its statements.
     *
     * @param name       what makes it tricky
     * @param script     the script
     * @param statements its statements, exactly as the splitter must return them
     */
    public record Script(String name, String script, List<String> statements) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Returns every script of the corpus. */
    public static List<Script> all() {
        return List.of(
                of("an E string whose backslash escapes a quote",
                        "insert into notes values (E'it\\'s; drop table users');\nselect 1;",
                        "insert into notes values (E'it\\'s; drop table users');", "select 1;"),
                of("an E string ending in an escaped backslash",
                        "select E'C:\\\\'; select 2;", "select E'C:\\\\';", "select 2;"),
                of("a standard string takes a backslash literally",
                        "select 'C:\\'; select 2;", "select 'C:\\';", "select 2;"),
                of("U& strings and identifiers",
                        "select U&'d!0061t;' uescape '!' as U&\"d\\0061t;\", U&'\\\\'; select 2;",
                        "select U&'d!0061t;' uescape '!' as U&\"d\\0061t;\", U&'\\\\';", "select 2;"),
                of("bit, hex and national literals",
                        "select B'1010', x'1F', N'n;'; select 2;", "select B'1010', x'1F', N'n;';", "select 2;"),
                of("a parameter next to a dollar quote",
                        "prepare p (text) as select $1||$$;$$; execute p('a');",
                        "prepare p (text) as select $1||$$;$$;", "execute p('a');"),
                of("tagged dollar quotes holding other tags",
                        "create function f() returns text language sql as $fn$ select $$;$$ || $x$;$x$ $fn$; select 2;",
                        "create function f() returns text language sql as $fn$ select $$;$$ || $x$;$x$ $fn$;",
                        "select 2;"),
                of("a dollar tag that starts with an underscore",
                        "do $_$ begin perform ';'; end $_$; select 2;", "do $_$ begin perform ';'; end $_$;",
                        "select 2;"),
                of("identifiers holding dollars",
                        "select a$b$, c$$ from t; select $$;$$;", "select a$b$, c$$ from t;", "select $$;$$;"),
                of("nested comments holding quotes",
                        "/* it's /* a \"nested; */ comment' */ select 1; -- don't;\nselect 2;",
                        "select 1;", "select 2;"),
                of("a quoted identifier with a semicolon and a doubled quote",
                        "create table \"a;\"\"b\" (x int); select 2;", "create table \"a;\"\"b\" (x int);", "select 2;"),
                of("a BEGIN ATOMIC body with CASE",
                        "create or replace function g() returns int language sql begin atomic select 1;"
                                + " select case when true then 2 end; end;\nselect 3;",
                        "create or replace function g() returns int language sql begin atomic select 1;"
                                + " select case when true then 2 end; end;", "select 3;"),
                of("an E string continued on the next line keeps its backslash escapes",
                        "select E'a\\''\n  '\\'; b'; select 2;", "select E'a\\''\n  '\\'; b';", "select 2;"),
                of("an operator right before a comment",
                        "select 1 +-- ;\n 2; select 3;", "select 1 +-- ;\n 2;", "select 3;"),
                of("a comment ending in a bare carriage return",
                        "create table t (a int); -- note\rinsert into t values (1);\rselect 1;\r",
                        "create table t (a int);", "insert into t values (1);", "select 1;"),
                of("comments ending in carriage return and line feed",
                        "select 1; -- a;\r\nselect 2; -- b\r\n-- c;\r\nselect 3;",
                        "select 1;", "select 2;", "select 3;"),
                of("a string continued after a comment ending in a bare carriage return",
                        "select 'a' -- x;\r'b;'; select 2;", "select 'a' -- x;\r'b;';", "select 2;"),
                of("a rule whose actions are in parentheses",
                        "create rule r as on insert to t do also (insert into log values (1); insert into log values"
                                + " (2)); select 2;",
                        "create rule r as on insert to t do also (insert into log values (1); insert into log values"
                                + " (2));", "select 2;"),
                of("brackets and parentheses nest",
                        "select (array[(1)])[1]; select 2;", "select (array[(1)])[1];", "select 2;"),
                of("a BEGIN ATOMIC body with end and case as column labels",
                        "create function h() returns table (a int, b int) language sql begin atomic"
                                + " select 1 as end, t.case from t; select x end from t; end; select 2;",
                        "create function h() returns table (a int, b int) language sql begin atomic"
                                + " select 1 as end, t.case from t; select x end from t; end;", "select 2;"),
                of("an ideographic space is an identifier character, not whitespace",
                        "select x\u3000$$; select 2;", "select x\u3000$$;", "select 2;"),
                of("a no-break space is an identifier character, not whitespace",
                        "select 1 as x\u00A0$$; select 2;", "select 1 as x\u00A0$$;", "select 2;"),
                of("a dollar tag with a non-ASCII letter",
                        "do $ä$ begin perform ';'; end $ä$; select 2;", "do $ä$ begin perform ';'; end $ä$;",
                        "select 2;"),
                of("an unterminated string",
                        "select 1;\nselect 'oops;\nselect 2;\n", "select 1;", "select 'oops;\nselect 2;\n"),
                of("an unterminated E string",
                        "select E'\\'; select 2;", "select E'\\'; select 2;"),
                of("an unterminated dollar quote",
                        "select 1;\ndo $$ begin; select 2;", "select 1;", "do $$ begin; select 2;"),
                of("an unterminated block comment",
                        "select 1;\n/* open /* nested */ ; select 2;", "select 1;", "/* open /* nested */ ; select 2;"),
                of("an unterminated quoted identifier",
                        "select 1; select \"x; select 2;", "select 1;", "select \"x; select 2;"));
    }

    private static Script of(String name, String script, String... statements) {
        return new Script(name, script, List.of(statements));
    }
}
