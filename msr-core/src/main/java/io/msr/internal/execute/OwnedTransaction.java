package io.msr.internal.execute;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection a Java migration that runs in MSR's transaction is given: the same connection, but
 * {@code commit()}, {@code rollback()} and {@code setAutoCommit(true)} throw instead of ending the transaction
 * that MSR commits with the migration's history row. Savepoints stay allowed. A plain proxy: no database cost.
 */
final class OwnedTransaction {

    private OwnedTransaction() {
    }

    /** Returns {@code connection} guarded for the migration named {@code label}. */
    static Connection guard(Connection connection, String label) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    boolean ends = (name.equals("commit") || name.equals("rollback")) && (args == null
                            || args.length == 0) || name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]);
                    if (ends) {
                        throw new SQLException("Java migration " + label + " called " + name
                                + (args == null || args.length == 0 ? "()" : "(true)") + " on the connection of the"
                                + " transaction MSR runs it in and commits with its history row; let MSR end it, or"
                                + " return false from transactional() to run the migration outside a transaction");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
