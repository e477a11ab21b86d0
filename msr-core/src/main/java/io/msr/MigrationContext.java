package io.msr;

import java.sql.Connection;

/** What a {@link JavaMigration} gets to do its work. */
public interface MigrationContext {

    /**
     * Returns the connection the migration runs on, inside the migration's transaction when it has one.
     * Do not commit, roll back or close it: the engine does, together with the history row.
     */
    Connection connection();

    /** Returns the version of the running migration. */
    Version version();

    /** Returns the direction the migration runs in. */
    Direction direction();
}
