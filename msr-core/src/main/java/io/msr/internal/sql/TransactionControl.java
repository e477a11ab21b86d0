package io.msr.internal.sql;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Recognises a statement that opens or ends a transaction block: {@code BEGIN}, {@code START TRANSACTION},
 * {@code COMMIT}, {@code END}, {@code ROLLBACK}, {@code ABORT} (each with {@code WORK}/{@code TRANSACTION} and
 * {@code AND [NO] CHAIN}) and {@code PREPARE TRANSACTION}. Savepoints ({@code SAVEPOINT}, {@code RELEASE},
 * {@code ROLLBACK [WORK] TO}) and {@code COMMIT/ROLLBACK PREPARED} (which act on another, prepared transaction)
 * are not transaction control here. Reads {@link SqlLexer} tokens, so words inside literals, comments and
 * dollar-quoted bodies ({@code DO $$ BEGIN ... END $$}) never count. Pure.
 */
public final class TransactionControl {

    /** What a transaction-control statement does to the session's transaction block. */
    public enum Effect {
        /** Opens a block ({@code BEGIN}, {@code START TRANSACTION}). */
        OPENS,
        /** Ends the block ({@code COMMIT}, {@code END}, {@code ROLLBACK}, {@code ABORT}, {@code PREPARE TRANSACTION}). */
        ENDS,
        /** Ends the block and opens the next one at once ({@code COMMIT AND CHAIN}, {@code ROLLBACK AND CHAIN}). */
        CHAINS
    }

    /** Lexed at first: transaction-control statements are short, and most statements need only their start. */
    private static final int PREFIX = 512;

    private TransactionControl() {
    }

    /** Returns what the statement does to the transaction block, or null when it is no transaction control. */
    public static @Nullable Effect of(String sql) {
        if (sql.length() > PREFIX) {
            List<SqlToken> start = SqlLexer.tokens(sql.substring(0, PREFIX));
            // Six tokens settle it (ROLLBACK WORK AND NO CHAIN ;); a first word that is none of ours settles it too.
            if (start.size() >= 6 || !start.isEmpty() && start.get(0).kind() == SqlToken.Kind.WORD
                    && !isKeyword(start.get(0))) {
                return of(start);
            }
        }
        return of(SqlLexer.tokens(sql));
    }

    /** Returns what the statement with these tokens does to the transaction block, or null. */
    public static @Nullable Effect of(List<SqlToken> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        SqlToken first = tokens.get(0);
        if (first.is("BEGIN")) {
            // BEGIN ATOMIC starts a function body, not a block.
            return at(tokens, 1, "ATOMIC") ? null : Effect.OPENS;
        }
        if (first.is("START")) {
            return at(tokens, 1, "TRANSACTION") ? Effect.OPENS : null;
        }
        if (first.is("PREPARE")) {
            return at(tokens, 1, "TRANSACTION") ? Effect.ENDS : null;
        }
        if (first.is("COMMIT") || first.is("END") || first.is("ROLLBACK") || first.is("ABORT")) {
            int next = at(tokens, 1, "WORK") || at(tokens, 1, "TRANSACTION") ? 2 : 1;
            if (at(tokens, next, "TO") || at(tokens, 1, "PREPARED")) {
                return null;
            }
            return at(tokens, next, "AND") && at(tokens, next + 1, "CHAIN") ? Effect.CHAINS : Effect.ENDS;
        }
        return null;
    }

    /** The keyword of a statement as the server names it, for messages: {@code COMMIT}, {@code START TRANSACTION}. */
    public static String keyword(String sql) {
        List<SqlToken> tokens = SqlLexer.tokens(sql.length() > PREFIX ? sql.substring(0, PREFIX) : sql);
        if (tokens.isEmpty()) {
            return "";
        }
        String first = tokens.get(0).text();
        return ("START".equals(first) || "PREPARE".equals(first)) ? first + " TRANSACTION" : first;
    }

    private static boolean isKeyword(SqlToken token) {
        return token.is("BEGIN") || token.is("START") || token.is("PREPARE") || token.is("COMMIT")
                || token.is("END") || token.is("ROLLBACK") || token.is("ABORT");
    }

    private static boolean at(List<SqlToken> tokens, int index, String keyword) {
        return index < tokens.size() && tokens.get(index).is(keyword);
    }
}
