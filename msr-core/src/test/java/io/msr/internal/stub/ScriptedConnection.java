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
 * scripts, with the SQLState it names. History rows are journaled as {@code history V2 UP true}.
 */
public final class ScriptedConnection {

    private final List<String> journal = new ArrayList<>();
    private final Map<String, String> failingStatements = new HashMap<>();
    private final List<String> commitFailures = new ArrayList<>();
    private final Map<String, String> failingRows = new HashMap<>();
    private boolean autoCommit = true;
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
                if (!commitFailures.isEmpty()) {
                    String state = commitFailures.remove(0);
                    journal.add("commit failed " + state);
                    throw new SQLException("ERROR: scripted failure at commit", state);
                }
                journal.add("commit");
                return null;
            }
            case "rollback" -> {
                journal.add("rollback");
                return null;
            }
            case "createStatement" -> {
                return proxy(Statement.class, this::statement);
            }
            case "prepareStatement" -> {
                Object[] values = new Object[9];
                return proxy(PreparedStatement.class, (m, a) -> historyRow(m, a, values));
            }
            case "isValid" -> {
                return true;
            }
            default -> {
                return null;
            }
        }
    }

    private Object statement(Method method, Object[] args) throws SQLException {
        if (method.getName().equals("execute")) {
            String sql = (String) args[0];
            for (Map.Entry<String, String> failing : failingStatements.entrySet()) {
                if (sql.contains(failing.getKey())) {
                    journal.add("failed " + sql);
                    throw new SQLException("ERROR: scripted failure of " + sql, failing.getValue());
                }
            }
            journal.add(sql);
            return false;
        }
        return null;
    }

    private Object historyRow(Method method, Object[] args, Object[] values) throws SQLException {
        if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
            values[i] = args[1];
        } else if (method.getName().equals("executeUpdate")) {
            String row = "history V" + values[1] + " " + values[6] + " " + values[7];
            for (Map.Entry<String, String> failing : failingRows.entrySet()) {
                if (row.startsWith(failing.getKey())) {
                    journal.add("failed " + row);
                    throw new SQLException("ERROR: scripted failure of the history insert", failing.getValue());
                }
            }
            journal.add(row);
            return 1;
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
