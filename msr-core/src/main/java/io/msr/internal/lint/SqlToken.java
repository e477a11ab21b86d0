package io.msr.internal.lint;

/**
 * One token of a SQL statement, for the linter.
 *
 * @param text   the word upper-cased, an identifier's name as written (quotes removed), or the punctuation
 * @param offset where the token starts in the statement
 * @param word   true for keywords and identifiers, false for punctuation, numbers and literals
 */
record SqlToken(String text, int offset, boolean word) {

    boolean is(String keyword) {
        return word && text.equals(keyword);
    }
}
