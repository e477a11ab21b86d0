package io.msr.internal.adopt;

import io.msr.AdoptFrom;
import io.msr.Version;
import io.msr.internal.dialect.Dialect;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What golang-migrate's history table says, read once and never written.
 *
 * @param source  the tool
 * @param table   the table, quoted and qualified, for messages
 * @param version the version the tool recorded as current
 * @param dirty   whether the tool marked that version dirty (its migration failed part-way)
 */
public record ForeignHistory(AdoptFrom source, String table, Version version, boolean dirty)
        implements AdoptableHistory {

    /**
     * Reads golang-migrate's table: one row {@code (version bigint, dirty boolean)}. Returns null when the table does
     * not exist or holds no row (nothing to adopt). Reads only; throws the driver's {@link SQLException}.
     */
    public static @Nullable ForeignHistory readGolangMigrate(Connection connection, Dialect dialect, String schema,
            String table) throws SQLException {
        if (!dialect.tableExists(connection, schema, table)) {
            return null;
        }
        String qualified = dialect.qualify(schema, table);
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select version, dirty from " + qualified
                     + " order by version desc limit 1")) {
            return result.next()
                    ? new ForeignHistory(AdoptFrom.GOLANG_MIGRATE, qualified, Version.of(result.getLong(1)), result.getBoolean(2))
                    : null;
        }
    }

    @Override
    public Adoption adoption(List<ResolvedMigration> resolved) {
        return GolangMigrateAdoption.of(this, resolved);
    }

    /** Returns the tool's name as {@code msr.adopt-from} spells it. */
    public String tool() {
        return source.propertyValue();
    }
}
