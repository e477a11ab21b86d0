package io.msr;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an operation goes over many schemas ({@link Msr#acrossSchemas()}): a schema per tenant, each with its own
 * history table and lock, the same migrations in each.
 *
 * @param schemas         the schemas, by their exact names ({@code msr.schemas}); empty (the default) when a
 *                        {@link SchemaSource} lists them, or when the application has one schema
 * @param parallelism     how many schemas are worked on at once, each on its own connection ({@code msr.parallelism},
 *                        default 1); the engine then holds at most this many work connections plus one lock connection
 *                        per schema being worked on
 * @param continueOnError start the remaining schemas after one failed ({@code msr.continue-on-error}); by default
 *                        (false) the schemas already started finish, and no new one starts
 * @param shardIndex      which share of the schemas this process takes, from 0 ({@code msr.shard.index}); see
 *                        {@link #inShard(String)}
 * @param shardCount      into how many shares the schemas are split ({@code msr.shard.count}, default 1: all of them)
 */
public record MultiSchemaSettings(List<String> schemas, int parallelism, boolean continueOnError, int shardIndex,
        int shardCount) {

    /** The longest name PostgreSQL keeps for a schema, in bytes. */
    private static final int MAX_NAME_BYTES = 63;

    /** Copies the list; throws {@link ConfigurationException} naming the setting at fault. */
    public MultiSchemaSettings {
        schemas = checkedNames(Objects.requireNonNull(schemas, "schemas"), "msr.schemas");
        if (parallelism < 1) {
            throw new ConfigurationException("msr.parallelism is " + parallelism + "; give how many schemas may be"
                    + " migrated at once, at least 1.");
        }
        if (shardCount < 1) {
            throw new ConfigurationException("msr.shard.count is " + shardCount + "; give the number of shards (the"
                    + " Indexed Job's completions), at least 1.");
        }
        if (shardIndex < 0 || shardIndex >= shardCount) {
            throw new ConfigurationException("msr.shard.index is " + shardIndex + " but msr.shard.count is "
                    + shardCount + "; the index counts from 0 to " + (shardCount - 1) + " (an Indexed Job's"
                    + " JOB_COMPLETION_INDEX with completions set to the count).");
        }
    }

    /** Returns the defaults: no schema list, parallelism 1, stop starting schemas after a failure, one shard. */
    public static MultiSchemaSettings defaults() {
        return new MultiSchemaSettings(List.of(), 1, false, 0, 1);
    }

    /** Returns these settings with another schema list. */
    public MultiSchemaSettings withSchemas(List<String> names) {
        return new MultiSchemaSettings(names, parallelism, continueOnError, shardIndex, shardCount);
    }

    /**
     * Returns whether {@code schema} belongs to this process's shard. The share is a function of the name alone (a
     * CRC-32 of its UTF-8 bytes, modulo the count), so it is the same on every retry and in every process, whatever
     * the order of the list and whatever schemas are added to it: every schema belongs to exactly one shard.
     */
    public boolean inShard(String schema) {
        if (shardCount == 1) {
            return true;
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(schema.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Math.floorMod(crc.getValue(), (long) shardCount) == shardIndex;
    }

    /** Returns the schemas of {@code names} in this process's shard, in their order. */
    public List<String> shardOf(List<String> names) {
        List<String> mine = new ArrayList<>();
        for (String name : names) {
            if (inShard(name)) {
                mine.add(name);
            }
        }
        return mine;
    }

    /**
     * Checks a schema list: every name a plain identifier of at most 63 characters (letters, digits, {@code _} and
     * {@code $}, starting with a letter or {@code _}; case kept), listed once; surrounding blanks are dropped.
     * Throws {@link ConfigurationException} naming {@code origin} (the property or the source) and the name at fault.
     */
    public static List<String> checkedNames(List<? extends @Nullable String> names, String origin) {
        List<String> checked = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>();
        for (String raw : names) {
            String name = raw == null ? "" : raw.strip();
            if (name.isEmpty()) {
                throw new ConfigurationException(origin + " holds an empty schema name; list schemas by their exact"
                        + " names, separated by commas.");
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_$]{0," + (MAX_NAME_BYTES - 1) + "}")) {
                throw new ConfigurationException(origin + " names the schema '" + name + "', which is not a plain SQL"
                        + " identifier of at most 63 characters (letters, digits, _ and $, starting with a letter or _;"
                        + " upper case is kept as written). Rename the schema, or leave it out of the list.");
            }
            if (!seen.add(name)) {
                throw new ConfigurationException(origin + " names the schema '" + name + "' twice; each schema is"
                        + " migrated once.");
            }
            checked.add(name);
        }
        return List.copyOf(checked);
    }
}
