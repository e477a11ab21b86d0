package io.msr.internal.stub;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JDBC connection with no database behind it, for fast orchestration tests: it writes every call that matters
 * (statements, history rows, commit, rollback, autocommit) to a {@link #journal()} and fails the calls a test
 * scripts, with the SQLState it names. History rows are journaled as {@code history V2 UP true}; a row written
 * together with its COMMIT ({@code insert ...; commit}) as the row, then the commit. After a failed statement or row
 * inside a transaction, the transaction is aborted, as PostgreSQL's is: any statement but a rollback fails with
 * 25P02.
 */
public final class ScriptedConnection {

    private final List<String> journal = new ArrayList<>();
    private final Map<String, String> failingStatements = new HashMap<>();
    private final List<String> commitFailures = new ArrayList<>();
    private final Map<String, String> failingRows = new HashMap<>();
    private boolean autoCommit = true;
    private boolean aborted;
    private final Connection proxy = proxy(Connection.class, this::connection);

    /** Returns the connection. */
    public Connection connection() {
        return proxy;
    }

    /** Returns what happened, in order. */
    public List<String> journal() {
        return journal;
    }

    /** Makes every statement containing {@code text} fail with {@code sqlState}. */
    public ScriptedConnection failStatement(String text, String sqlState) {
        failingStatements.put(text, sqlState);
        return this;
    }

    /** Makes the next commits fail, one per state given, in order; later commits succeed. */
    public ScriptedConnection failCommits(String... sqlStates) {
        commitFailures.addAll(List.of(sqlStates));
        return this;
    }

    /** Makes writing a history row starting with {@code row} (e.g. {@code "history V2 UP"}) fail. */
    public ScriptedConnection failHistoryRow(String row, String sqlState) {
        failingRows.put(row, sqlState);
        return this;
    }

    private Object connection(Method method, Object[] args) throws SQLException {
        switch (method.getName()) {
            case "setAutoCommit" -> {
                autoCommit = (Boolean) args[0];
                journal.add("autocommit " + autoCommit);
                return null;
            }
            case "getAutoCommit" -> {
                return autoCommit;
            }
            case "commit" -> {
                commit();
                return null;
            }
            case "rollback" -> {
                aborted = false;
                journal.add("rollback");
                return null;
            }
            case "createStatement" -> {
                return proxy(Statement.class, this::statement);
            }
            case "prepareStatement" -> {
                Object[] values = new Object[9];
                boolean commits = ((String) args[0]).endsWith("; commit");
                return proxy(PreparedStatement.class, (m, a) -> historyRow(m, a, values, commits));
            }
            case "isValid" -> {
                return true;
            }
            default -> {
                return null;
            }
        }
    }

    private void commit() throws SQLException {
        if (aborted) {
            aborted = false;
            journal.add("rollback (commit of an aborted transaction)");
            return;
        }
        if (!commitFailures.isEmpty()) {
            String state = commitFailures.remove(0);
            journal.add("commit failed " + state);
            throw new SQLException("ERROR: scripted failure at commit", state);
        }
        journal.add("commit");
    }

    private void checkNotAborted() throws SQLException {
        if (aborted) {
            throw new SQLException("ERROR: current transaction is aborted", "25P02");
        }
    }

    private void failed(String what, String sqlState) throws SQLException {
        journal.add("failed " + what);
        aborted = !autoCommit;
        throw new SQLException("ERROR: scripted failure of " + what, sqlState);
    }

    private Object statement(Method method, Object[] args) throws SQLException {
        if (method.getName().equals("execute")) {
            String sql = (String) args[0];
            checkNotAborted();
            if (sql.equals("select 1")) {
                return true;
            }
            for (Map.Entry<String, String> failing : failingStatements.entrySet()) {
                if (sql.contains(failing.getKey())) {
                    failed(sql, failing.getValue());
                }
            }
            journal.add(sql);
            return false;
        }
        return null;
    }

    private Object historyRow(Method method, Object[] args, Object[] values, boolean commits) throws SQLException {
        if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
            values[i] = args[1];
        } else if (method.getName().equals("executeUpdate") || method.getName().equals("execute")) {
            checkNotAborted();
            String row = "history V" + values[1] + " " + values[6] + " " + values[7];
            for (Map.Entry<String, String> failing : failingRows.entrySet()) {
                if (row.startsWith(failing.getKey())) {
                    failed(row, failing.getValue());
                }
            }
            journal.add(row);
            if (commits) {
                commit();
            }
            return method.getName().equals("execute") ? (Object) false : (Object) 1;
        }
        return null;
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Method method, Object[] args) throws SQLException;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + " stub"
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
            }
            Object result = handler.handle(method, args);
            if (result == null && method.getReturnType() == boolean.class) {
                return false;
            }
            if (result == null && method.getReturnType() == int.class) {
                return 0;
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation));
    }
}
