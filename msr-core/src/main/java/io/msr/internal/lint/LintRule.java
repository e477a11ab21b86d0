package io.msr.internal.lint;

/**
 * The statements that block traffic or break the previous application version during a rolling update, with
 * the safe way to reach the same result. Ids are used in findings, in {@code -- msr:allow=<id>} and in
 * {@code msr.lint.disabled-rules}.
 */
public enum LintRule {

    /** Adding a NOT NULL column without a default breaks inserts of the previous version. */
    ADD_COLUMN_NOT_NULL("add-column-not-null", "adding a NOT NULL column without a DEFAULT breaks the previous"
            + " version's inserts", "add the column nullable (or with a DEFAULT), backfill, then add the constraint"
            + " in a later release"),
    /** SET NOT NULL scans the table under an exclusive lock and breaks the previous version's inserts. */
    SET_NOT_NULL("set-not-null", "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
            "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT NULL"
                    + " (PostgreSQL 12+ skips the scan when such a constraint is validated)"),
    /** A plain CREATE INDEX blocks writes to the table while it builds. */
    CREATE_INDEX_NOT_CONCURRENTLY("create-index-not-concurrently", "CREATE INDEX without CONCURRENTLY blocks"
            + " writes to an existing table while the index builds", "use CREATE INDEX CONCURRENTLY in its own"
            + " migration with -- msr:transaction=false"),
    /** A foreign key or check constraint without NOT VALID scans the table while holding locks. */
    CONSTRAINT_WITHOUT_NOT_VALID("constraint-without-not-valid", "adding a FOREIGN KEY or CHECK constraint"
            + " validates every row while holding a lock that blocks writes", "add it with NOT VALID, then"
            + " VALIDATE CONSTRAINT in a separate migration"),
    /** Changing a column's type usually rewrites the table and breaks the previous version. */
    CHANGE_COLUMN_TYPE("change-column-type", "changing a column's type usually rewrites the table under an"
            + " ACCESS EXCLUSIVE lock, and the previous version may not read the new type", "add a new column,"
            + " write both, backfill, switch reads, then drop the old column in a later release"),
    /** Dropping a column breaks the previous version, which still reads it. */
    DROP_COLUMN("drop-column", "dropping a column breaks the previous version, which still uses it",
            "stop using the column in one release, drop it in the next"),
    /** Renaming a column breaks the previous version. */
    RENAME_COLUMN("rename-column", "renaming a column breaks the previous version, which uses the old name",
            "add the new column and copy (or a view), switch the application, drop the old column later"),
    /** Dropping a table breaks the previous version. */
    DROP_TABLE("drop-table", "dropping a table breaks the previous version, which still uses it",
            "stop using the table in one release, drop it in the next"),
    /** Renaming a table breaks the previous version. */
    RENAME_TABLE("rename-table", "renaming a table breaks the previous version, which uses the old name",
            "create the new table (or a view under the old name), switch the application, drop the old one later"),
    /** VACUUM FULL rewrites the table under an exclusive lock. */
    VACUUM_FULL("vacuum-full", "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock",
            "use plain VACUUM, or pg_repack outside the deployment"),
    /** CLUSTER rewrites the table under an exclusive lock. */
    CLUSTER("cluster", "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock",
            "run it outside the deployment (pg_repack can reorder without the long lock)"),
    /** LOCK TABLE holds a lock that queues the application's queries. */
    LOCK_TABLE("lock-table", "LOCK TABLE queues the application's queries behind the migration",
            "drop the explicit lock; rely on the statement's own locks and msr.postgres.lock-timeout");

    private final String id;
    private final String problem;
    private final String safeAlternative;

    LintRule(String id, String problem, String safeAlternative) {
        this.id = id;
        this.problem = problem;
        this.safeAlternative = safeAlternative;
    }

    /** Returns the rule id, e.g. {@code set-not-null}. */
    public String id() {
        return id;
    }

    /** Returns what goes wrong. */
    public String problem() {
        return problem;
    }

    /** Returns the safe way to reach the same result. */
    public String safeAlternative() {
        return safeAlternative;
    }
}
