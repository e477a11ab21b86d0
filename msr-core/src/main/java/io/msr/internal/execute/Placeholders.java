package io.msr.internal.execute;

import io.msr.MigrationNaming;
import io.msr.MsrSettings;
import io.msr.internal.history.table.SchemaHistory;
import io.msr.internal.source.SqlScript;
import io.msr.internal.sql.PlaceholderReplacer;
import org.jspecify.annotations.Nullable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The placeholder values of a run: the settings' values (names matched ignoring case) and the built-ins
 * {@code ${msr:schema}} and {@code ${msr:table}} (the history table as this run resolved it) and
 * {@code ${msr:user}} (the user the migration connection logged in as); under Flyway's naming also Flyway's names
 * for them, {@code ${flyway:defaultSchema}}, {@code ${flyway:table}} and {@code ${flyway:user}}. Unknown
 * placeholders were reported before the run; one that still gets here is sent as written.
 */
public final class Placeholders {

    private final boolean enabled;
    private final Map<String, String> configured = new HashMap<>();
    private final @Nullable SchemaHistory history;
    private final boolean flywayNames;

    Placeholders(MsrSettings settings, @Nullable SchemaHistory history) {
        this.enabled = settings.placeholders().replacement();
        this.flywayNames = settings.naming() == MigrationNaming.FLYWAY;
        settings.placeholders().values().forEach((name, value) -> configured.put(name.toLowerCase(Locale.ROOT), value));
        this.history = history;
    }

    /** Returns the values for one script; asks the connection for its user only when the script has a placeholder. */
    Values values(Connection connection, SqlScript script) throws SQLException {
        if (!enabled || !script.text().contains("${")) {
            return new Values(null);
        }
        Map<String, String> values = new HashMap<>(configured);
        values.put("msr:schema", history.schema());
        values.put("msr:table", history.table());
        values.put("msr:user", connection.getMetaData().getUserName());
        if (flywayNames) {
            values.put("flyway:defaultschema", history.schema());
            values.put("flyway:table", history.table());
            values.put("flyway:user", values.get("msr:user"));
        }
        return new Values(values);
    }

    /**
     * Replaces placeholders as Flyway did when it checksummed a repeatable migration: the settings' values and
     * Flyway's built-ins, its history table being {@code flywayTable}. Identity when replacement is off.
     */
    public static UnaryOperator<String> asFlyway(MsrSettings settings, String schema, String flywayTable,
            String user) {
        if (!settings.placeholders().replacement()) {
            return UnaryOperator.identity();
        }
        Map<String, String> values = new Placeholders(settings, null).configured;
        values.put("flyway:defaultschema", schema);
        values.put("flyway:user", user);
        values.put("flyway:table", flywayTable);
        return text -> PlaceholderReplacer.replace(text, name -> values.get(name.toLowerCase(Locale.ROOT))).text();
    }

    /** The values of one script's run; null values mean replacement is off. */
    record Values(@Nullable Map<String, String> values) {

        PlaceholderReplacer.Replaced replace(String sql) {
            if (values == null) {
                return PlaceholderReplacer.unchanged(sql);
            }
            return PlaceholderReplacer.replace(sql, name -> values.get(name.startsWith("msr:") ? name
                    : name.toLowerCase(Locale.ROOT)));
        }
    }
}
