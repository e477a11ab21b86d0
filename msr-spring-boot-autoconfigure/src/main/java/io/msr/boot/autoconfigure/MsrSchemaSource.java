package io.msr.boot.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Lists the schemas MSR works on, a schema per tenant, when they are data rather than configuration: define one bean
 * of this type, for example a query of the tenants table, and leave {@code msr.schemas} empty (a non-empty
 * {@code msr.schemas} wins). MSR calls it once per operation, and in verify mode at each refresh, with a connection
 * of its own, so the bean needs none of the application's database beans (which a one-shot mode never creates):
 *
 * <pre>{@code
 * @Bean
 * MsrSchemaSource tenantSchemas() {
 *     return connection -> {
 *         try (var query = connection.prepareStatement("select schema_name from public.tenants where active");
 *              var rows = query.executeQuery()) {
 *             List<String> schemas = new ArrayList<>();
 *             while (rows.next()) {
 *                 schemas.add(rows.getString(1));
 *             }
 *             return schemas;
 *         }
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MsrSchemaSource {

    /**
     * Returns the schemas by their exact names (plain identifiers), each once, reading with {@code connection}, which
     * is in autocommit and closed by MSR; must not change the database.
     */
    List<String> schemas(Connection connection) throws SQLException;
}
