package io.msr;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Lists the schemas an operation across schemas covers ({@link Msr#acrossSchemas()}) when they are data rather than
 * configuration, such as a query of the tenants table:
 *
 * <pre>{@code
 * SchemaSource tenants = connection -> {
 *     try (var statement = connection.createStatement();
 *          var rows = statement.executeQuery("select schema_name from public.tenants order by id")) {
 *         List<String> names = new ArrayList<>();
 *         while (rows.next()) {
 *             names.add(rows.getString(1));
 *         }
 *         return names;
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface SchemaSource {

    /**
     * Returns the schemas by their exact names, each once. Called once per operation, before any schema is worked on,
     * on a connection of MSR's that is in autocommit and closed afterwards; must not change the database. An
     * {@link SQLException} fails the operation with exit code 7 when the connection was lost, 1 otherwise.
     */
    List<String> schemas(Connection connection) throws SQLException;
}
