package io.msr.internal.sql;

/**
 * One token of PostgreSQL SQL, as {@link SqlLexer} reads it.
 *
 * @param kind   what the token is
 * @param text   a word upper-cased; a quoted identifier's name (quotes removed, {@code ""} collapsed); anything
 *               else exactly as written (literals with their prefix and quotes, dollar-quoted bodies with their tags)
 * @param offset the index in the lexed text where the token starts
 */
public record SqlToken(Kind kind, String text, int offset) {

    /** The kinds of token. */
    public enum Kind {
        /** A keyword or an unquoted identifier, e.g. {@code SELECT}, {@code USERS}, {@code A$B}. */
        WORD,
        /** A double-quoted identifier, also {@code U&"..."} (its escapes are not decoded). */
        QUOTED_IDENTIFIER,
        /** A quoted literal: {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'},
         *  {@code N'...'}, with the segments of a literal continued on a following line joined. */
        STRING,
        /** A dollar-quoted body: {@code $$...$$} or {@code $tag$...$tag$}. */
        DOLLAR_STRING,
        /** A numeric constant, e.g. {@code 42}, {@code 1.5e-3}, {@code 0x1F}. */
        NUMBER,
        /** A positional parameter, e.g. {@code $1}. */
        PARAMETER,
        /** A run of operator characters, e.g. {@code <>}, {@code ->>}, {@code ||}. */
        OPERATOR,
        /** One other character: {@code ( ) [ ] , ; : .} and anything the lexer has no rule for. */
        PUNCTUATION,
        /** A string, quoted identifier, dollar-quoted body or block comment the text ends inside; runs to the end. */
        UNTERMINATED
    }

    /** Returns true when this is the given keyword, which must be upper-case; never true for a quoted identifier. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equals(keyword);
    }

    /** Returns true when this is the given punctuation character or operator, e.g. {@code ";"} or {@code "."}. */
    public boolean isSymbol(String symbol) {
        return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR) && text.equals(symbol);
    }
}
