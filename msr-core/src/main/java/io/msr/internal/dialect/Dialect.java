package io.msr.internal.dialect;

import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.internal.lock.DeadClientDetection;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.MigrationLock;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What differs per database: the history table's DDL, the lock, session settings and how errors are read. One
 * implementation per database proves itself by extending the shared contract test ({@code DialectContract}, and
 * {@code MigrationLockContract} for its lock).
 *
 * <p>How the engine uses it: a run opens the migration connection in autocommit, names it
 * ({@link #setApplicationName}), finds schema and database ({@link #currentSchema}, {@link #currentDatabase}) and the
 * {@link #lock}. Each migration then runs either inside a transaction, with {@link #applyTimeouts} local to it, or
 * outside one in autocommit, with session timeouts undone by {@link #resetTimeouts} afterwards; the history table's
 * DDL may run inside the first migration's transaction.
 *
 * <p>Common to every method that takes a connection: it runs on that connection only, in whatever state the caller
 * left it (autocommit, or inside a transaction, which it then joins), never commits, rolls back or changes
 * autocommit, and leaves no statement or result set open. It throws the driver's {@link SQLException} unchanged; the
 * caller translates it. The methods that take no connection are pure and never touch the database.
 */
public interface Dialect {

    /** Returns the database's product name and version for logs, e.g. "PostgreSQL 17.2". Pure. */
    String name();

    /**
     * Returns the schema that unqualified names resolve to on this connection, as the catalog stores it (unquoted).
     * One query, no DDL. Throws an {@link SQLException} with SQLState {@code 3F000} when the connection has none
     * (its search path names no existing schema).
     */
    String currentSchema(Connection connection) throws SQLException;

    /** Returns the name of the database the connection is connected to. One query, no DDL. */
    String currentDatabase(Connection connection) throws SQLException;

    /**
     * Returns {@code schema.table} with both names quoted as the database needs, so that names with upper case,
     * spaces, dots, quotes or reserved words denote exactly the table that {@link #tableExists} finds for the same
     * two strings. Pure.
     */
    String qualify(String schema, String table);

    /**
     * Returns true when the table {@code schema.table} exists, the names compared exactly as stored (not folded to
     * lower case). One catalog query, no DDL, no privilege on the table needed. Inside a transaction it sees that
     * transaction's own uncommitted DDL.
     */
    boolean tableExists(Connection connection, String schema, String table) throws SQLException;

    /**
     * Returns the names (as stored, sorted) of the schema's own tables and views: ordinary, partitioned and foreign
     * tables, views and materialized views; not partitions (their parent stands for them), sequences, indexes, types
     * or functions, and nothing that belongs to an extension (PostGIS's {@code spatial_ref_sys}, say), which a DBA
     * may install before any migration. The history table and other tools' tables are listed like any other: the
     * caller decides what they mean. One catalog query, no DDL, no privilege on the tables needed; empty when the
     * schema does not exist.
     */
    List<String> userTables(Connection connection, String schema) throws SQLException;

    /**
     * Returns the DDL statements that create the history table {@code qualifiedTable} (as {@link #qualify} returns
     * it; {@code table} is its bare name, for naming its index) with the columns
     * {@link io.msr.internal.history.table.SchemaHistory} reads and writes, and an index on its version. The version
     * column is nullable (repeatable migrations have none) and holds integers, or text when {@code textVersions}
     * (dotted versions such as {@code 1.2}). Pure: the caller runs them in order.
     *
     * <p>Each statement does nothing when its object exists, so running them again is harmless. They may run in
     * autocommit (each commits at once) or inside a migration's transaction, where the DDL must be transactional:
     * rolling back removes the table again, which {@link io.msr.internal.execute.HistoryTableCreation} relies on to
     * leave a failed first run without trace. Callers run them only while holding the migration lock.
     */
    List<String> createHistoryTable(String qualifiedTable, String table, boolean textVersions);

    /**
     * Returns the statement that creates {@code schema} when it does not exist, needing no privilege when it does.
     * Pure.
     */
    String createSchemaIfAbsent(String schema);

    /**
     * Puts {@code schema} first on the session's search path, ahead of what the path held, so that unqualified names
     * are created and found in it; {@link #saveSession} restores the path. One statement.
     */
    void putSchemaFirst(Connection connection, String schema) throws SQLException;

    /**
     * Returns the DDL that lets an existing history table take a repeatable migration's row (no version) and, when
     * {@code textVersions}, dotted versions (tables created before them had a non-null integer version), or nothing
     * when it can already; one catalog query, no change. The caller runs the statements under the migration lock, in
     * autocommit. The default, for a dialect whose tables always could, returns nothing.
     */
    default List<String> upgradeHistoryTable(Connection connection, String schema, String table,
            String qualifiedTable, boolean textVersions) throws SQLException {
        return List.of();
    }

    /**
     * Returns the key of the migration lock that protects a history table: the same for the same three names in every
     * process, and different (barring a hash collision) when the database, schema or table differs, so that runners
     * of unrelated schemas never wait for each other. Pure.
     */
    LockKey lockKey(String database, String schema, String table);

    /**
     * Returns this database's migration lock for {@code key}, which must pass the {@link MigrationLock} contract. It
     * opens no connection until used, and then only from {@code connections}, never the caller's migration
     * connection. Its connection asks the server to detect a vanished client as {@code detection} says (see
     * {@link #detectDeadClient}), and its lease's {@link io.msr.internal.lock.LockLease#ensureHeld} waits at most
     * {@link DeadClientDetection#patienceSeconds()} for the server.
     */
    MigrationLock lock(ConnectionFactory connections, LockKey key, DeadClientDetection detection);

    /**
     * Returns the 1-based position, in characters (Unicode code points, not UTF-16 units), of the error within the
     * statement text sent, or null when the error carries none (an error that is not about the statement's text).
     * Pure.
     */
    @Nullable Integer errorPosition(SQLException error);

    /**
     * Returns true when the error means the connection is unusable or was refused: network failure, authentication,
     * a session terminated by an administrator, a server shutting down. The caller may then only close the
     * connection. Pure.
     */
    boolean isConnectionError(SQLException error);

    /**
     * Sets the session's application name, so operators can see who a connection belongs to (the lock status shows
     * it). Call in autocommit: the name then lasts for the session (set inside a transaction that rolls back, it
     * would be undone). Changes no other setting; a name longer than the database allows is cut short by it.
     */
    void setApplicationName(Connection connection, String name) throws SQLException;

    /**
     * Asks the server to end this session, and so release what it holds, about {@link DeadClientDetection#timeout}
     * after its client stopped answering (a node that lost power or its network sends nothing more, so the server
     * would otherwise wait for the operating system's TCP keepalive, often two hours), and to cancel a running
     * statement of such a client. Session settings, saved and restored by {@link #saveSession}: call it after
     * saving, in autocommit. Does nothing when detection is off. The default, for a database without such settings,
     * does nothing.
     */
    default void detectDeadClient(Connection connection, DeadClientDetection detection) throws SQLException {
    }

    /**
     * Saves the session's autocommit, isolation, application name, timeouts, dead-client settings and the driver's
     * network timeout, before MSR changes any of them, so that a borrowed pooled connection can be given back as it
     * came. Reads only; works in either autocommit mode.
     */
    SessionState saveSession(Connection connection) throws SQLException;

    /**
     * Sets the lock timeout (how long a statement may wait for a table lock before it fails with a
     * {@linkplain #isTransient transient} error) and the statement timeout of a migration, in one round trip. A null
     * duration leaves that setting as the session has it (the role's, the database's or the server's value); a zero
     * duration means no timeout, also when the session had one; a positive duration below one millisecond counts as
     * one millisecond.
     *
     * <p>With {@code local}, the values hold for the current transaction only: call it inside the migration's
     * transaction (autocommit off); COMMIT or ROLLBACK ends them, with nothing to reset (in autocommit it would have no
     * effect). Without {@code local}, they hold for the session until {@link #resetTimeouts}: call it in autocommit,
     * before a migration that runs outside a transaction. Changes no other setting. Throws an {@link SQLException}
     * when the database rejects a value (longer than it supports).
     */
    default void applyTimeouts(Connection connection, @Nullable Duration lockTimeout,
            @Nullable Duration statementTimeout, boolean local) throws SQLException {
        applyTimeouts(connection, lockTimeout, statementTimeout, local, null);
    }

    /**
     * Does what {@link #applyTimeouts(Connection, Duration, Duration, boolean)} does and, in the same round trip,
     * evaluates {@code heldCondition} (a {@link io.msr.internal.lock.LockLease#heldCondition()}, or null): returns its
     * value, or true when it is null. With {@code local} this statement is the one that opens the migration's
     * transaction, so a migration's BEGIN, timeouts and lock check cost one round trip together.
     */
    boolean applyTimeouts(Connection connection, @Nullable Duration lockTimeout, @Nullable Duration statementTimeout,
            boolean local, @Nullable String heldCondition) throws SQLException;

    /**
     * Returns the session's own statement and lock timeouts, before MSR sets any: each value as the database shows it
     * and where it comes from ({@link io.msr.SessionTimeout#source()}: role, database, server default...). Empty when
     * the database cannot tell. Reads only.
     */
    default java.util.List<io.msr.SessionTimeout> sessionTimeouts(Connection connection) throws SQLException {
        return java.util.List.of();
    }

    /**
     * Asks the server to cancel the statement running on the connection, from any thread, without waiting: the
     * statement then fails on its own thread (PostgreSQL: SQLState 57014). Does nothing when none runs, nor when the
     * driver offers no way to cancel a connection's statement. Never throws.
     */
    default void cancel(Connection connection) {
    }

    /**
     * Restores both timeouts to the values the session started with (the server's, database's, role's or connection
     * parameters' defaults). Call in autocommit after a migration that ran outside a transaction, also after it
     * failed; calling it when nothing was set is harmless.
     */
    void resetTimeouts(Connection connection) throws SQLException;

    /**
     * Returns true for an SQLState worth retrying once the transaction was rolled back: a lock timeout, a
     * serialization failure or a deadlock. False for everything else, connection errors, statement timeouts and null
     * included. Pure.
     */
    boolean isTransient(String sqlState);

    /**
     * Returns the indexes of the whole database that are INVALID (left by a failed concurrent index build, or being
     * built concurrently right now), each as a schema-qualified name quoted only where SQL needs it, ready to paste
     * into a {@code DROP INDEX} statement. One catalog query, no DDL; callers compare the sets before and after a
     * migration that runs outside a transaction.
     */
    Set<String> invalidIndexes(Connection connection) throws SQLException;
}
