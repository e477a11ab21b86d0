package io.msr.internal.lock;

/**
 * The key of the migration lock, derived from the database, schema and history table so that two applications
 * sharing a server (or a database, with different history tables) never block each other.
 *
 * @param namespace the first half of the key, the same for every MSR lock
 * @param key       the second half, a hash of database, schema and table
 * @param target    what the key protects, {@code database.schema.table}, for messages
 */
public record LockKey(int namespace, int key, String target) {

    @Override
    public String toString() {
        return namespace + ":" + key + " (" + target + ")";
    }
}
