package io.msr.internal.execute;

import java.sql.SQLException;

/**
 * The next step for a migration error whose server message alone does not say what to do, chosen by SQLState;
 * appended to the failure of a migration that ran in MSR's transaction.
 */
final class ErrorHints {

    private ErrorHints() {
    }

    /** Returns a sentence starting with a space, or an empty string when the error needs no hint. */
    static String of(SQLException error) {
        if ("2D000".equals(error.getSQLState())) {
            // invalid_transaction_termination: a procedure or DO block that commits, called inside a transaction.
            return " A procedure or DO block may COMMIT or ROLLBACK only when called outside a transaction block, and"
                    + " this file runs in MSR's transaction: make the file run outside one with the first line"
                    + " -- msr:transaction=false.";
        }
        return "";
    }
}
