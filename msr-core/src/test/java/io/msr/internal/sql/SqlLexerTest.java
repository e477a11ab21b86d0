package io.msr.internal.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlLexerTest {

    /** Returns each token as its kind and text, e.g. {@code WORD SELECT}. */
    private static List<String> tokens(String sql) {
        return SqlLexer.tokens(sql).stream().map(token -> token.kind() + " " + token.text()).toList();
    }

    @Test
    void readsWordsUpperCasedAndQuotedIdentifiersAsNamed() {
        assertThat(tokens("select \"My \"\"Col\"\"\", a$b$, _x from Tab")).containsExactly("WORD SELECT",
                "QUOTED_IDENTIFIER My \"Col\"", "PUNCTUATION ,", "WORD A$B$", "PUNCTUATION ,", "WORD _X", "WORD FROM",
                "WORD TAB");
    }

    @Test
    void readsEveryKindOfLiteralAsOneTokenAsWritten() {
        assertThat(tokens("'a''b' E'c\\'d' e'\\\\' U&'\\0041' u&\"\\0041\" B'101' X'FF' N'n'")).containsExactly(
                "STRING 'a''b'", "STRING E'c\\'d'", "STRING e'\\\\'", "STRING U&'\\0041'",
                "QUOTED_IDENTIFIER \\0041", "STRING B'101'", "STRING X'FF'", "STRING N'n'");
    }

    @Test
    void takesABackslashLiterallyOutsideEStrings() {
        assertThat(tokens("'a\\', 'b' be'c'")).containsExactly("STRING 'a\\'", "PUNCTUATION ,", "STRING 'b'",
                "WORD BE", "STRING 'c'");
    }

    @Test
    void joinsTheSegmentsOfALiteralContinuedAfterANewlineOnly() {
        assertThat(tokens("E'a\\'' -- note\n '\\'b' 'c' 'd'")).containsExactly("STRING E'a\\'' -- note\n '\\'b'",
                "STRING 'c'", "STRING 'd'");
    }

    @Test
    void readsDollarQuotedBodiesUpToTheSameTag() {
        assertThat(tokens("$$ a $b$ ' $$ $fn$ $$; $f $fn$ $_1$x$_1$")).containsExactly("DOLLAR_STRING $$ a $b$ ' $$",
                "DOLLAR_STRING $fn$ $$; $f $fn$", "DOLLAR_STRING $_1$x$_1$");
    }

    @Test
    void readsAPositionalParameterNextToADollarQuote() {
        assertThat(tokens("$1||$$;$$||$23 $ x")).containsExactly("PARAMETER $1", "OPERATOR ||",
                "DOLLAR_STRING $$;$$", "OPERATOR ||", "PARAMETER $23", "PUNCTUATION $", "WORD X");
    }

    @Test
    void skipsLineCommentsAndNestedBlockCommentsHoldingQuotes() {
        assertThat(tokens("/* it's /* \"nested */ $$ */ a -- don't\nb/**/c")).containsExactly("WORD A", "WORD B",
                "WORD C");
    }

    @Test
    void readsNumbersOperatorsAndPunctuation() {
        assertThat(tokens("1.5e-3+.5, 0x1E+1::int <> a->>'k' [1:2];")).containsExactly("NUMBER 1.5e-3",
                "OPERATOR +", "NUMBER .5", "PUNCTUATION ,", "NUMBER 0x1E", "OPERATOR +", "NUMBER 1", "PUNCTUATION :",
                "PUNCTUATION :", "WORD INT", "OPERATOR <>", "WORD A", "OPERATOR ->>", "STRING 'k'", "PUNCTUATION [",
                "NUMBER 1", "PUNCTUATION :", "NUMBER 2", "PUNCTUATION ]", "PUNCTUATION ;");
    }

    @Test
    void endsAnOperatorWhereACommentStarts() {
        assertThat(tokens("a<>--x\nb+/*y*/c")).containsExactly("WORD A", "OPERATOR <>", "WORD B", "OPERATOR +",
                "WORD C");
    }

    @Test
    void recordsWhereEachTokenStarts() {
        assertThat(SqlLexer.tokens("  select /* c */ E'x';").stream().map(SqlToken::offset))
                .containsExactly(2, 17, 21);
    }

    @Test
    void endsWithOneUnterminatedTokenRunningToTheEndOfTheText() {
        assertThat(tokens("a 'b; c")).containsExactly("WORD A", "UNTERMINATED 'b; c");
        assertThat(tokens("a E'b\\'; c")).containsExactly("WORD A", "UNTERMINATED E'b\\'; c");
        assertThat(tokens("a \"b; c")).containsExactly("WORD A", "UNTERMINATED \"b; c");
        assertThat(tokens("a $x$ b; $y$ c")).containsExactly("WORD A", "UNTERMINATED $x$ b; $y$ c");
        assertThat(tokens("a /* b /* c */ d;")).containsExactly("WORD A", "UNTERMINATED /* b /* c */ d;");
        assertThat(tokens("a -- b;")).containsExactly("WORD A");
    }

    @Test
    void tellsKeywordsFromQuotedIdentifiersAndSymbolsFromLiterals() {
        List<SqlToken> tokens = SqlLexer.tokens("table \"TABLE\" ; ';'");
        assertThat(tokens.get(0).is("TABLE")).isTrue();
        assertThat(tokens.get(1).is("TABLE")).isFalse();
        assertThat(tokens.get(2).isSymbol(";")).isTrue();
        assertThat(tokens.get(3).isSymbol(";")).isFalse();
    }
}
