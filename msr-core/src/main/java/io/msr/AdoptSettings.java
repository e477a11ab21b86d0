package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * Taking over a schema another tool managed ({@code msr.adopt-from}, {@code msr.adopt-table},
 * {@code msr.baseline-version}): the first migrate reads the other tool's history when MSR's history table does not
 * exist yet.
 *
 * @param from            whose history the first migrate takes over (default {@link AdoptFrom#NONE})
 * @param table           the other tool's history table, in the history schema, or null (the default) for the name
 *                        the tool gives it ({@link AdoptFrom#defaultTable()}); blank means null
 * @param baselineVersion the version a baseline records ({@code msr.baseline-version}): with
 *                        {@link AdoptFrom#LIQUIBASE}, the version the first migrate records as the schema's baseline
 *                        once Liquibase's changelog shows every changeset executed (required there); or null
 */
public record AdoptSettings(AdoptFrom from, @Nullable String table, @Nullable Version baselineVersion) {

    /** Checks the settings; throws {@link ConfigurationException} naming the setting at fault. */
    public AdoptSettings {
        Objects.requireNonNull(from, "adoptFrom");
        if (table != null && table.isBlank()) {
            table = null;
        }
        if (table != null && !table.matches("[A-Za-z_][A-Za-z0-9_$]{0,62}")) {
            throw new ConfigurationException("msr.adopt-table '" + table + "' is not a plain SQL identifier"
                    + " (letters, digits and _, starting with a letter or _); the table is looked up in the history"
                    + " schema.");
        }
        if (from == AdoptFrom.LIQUIBASE && baselineVersion == null) {
            throw new ConfigurationException("msr.adopt-from=liquibase needs msr.baseline-version: the version of the"
                    + " first MSR migration's predecessor, which the first migrate records as the schema's baseline"
                    + " once Liquibase's changelog shows every changeset executed (MSR cannot tell it from Liquibase's"
                    + " changesets).");
        }
    }

    /** Returns the defaults: no other tool, no baseline. */
    public static AdoptSettings defaults() {
        return new AdoptSettings(AdoptFrom.NONE, null, null);
    }

    /** Returns the other tool's history table: {@link #table()}, or the tool's own name for it when unset. */
    public @Nullable String tableOrDefault() {
        return table != null ? table : from.defaultTable();
    }
}
