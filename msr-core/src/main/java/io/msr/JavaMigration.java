package io.msr;

import org.jspecify.annotations.Nullable;

/**
 * A migration written in Java. It runs inside the migration's transaction (unless {@link #transactional()} says
 * otherwise) on the connection that {@link MigrationContext#connection()} hands out; it must not commit, roll
 * back or close that connection.
 *
 * <p>By default the version and description come from the class name, following the SQL file convention:
 * a class named {@code V202601150930_Backfill_user_names} has version 202601150930 and description
 * "Backfill user names" (under {@code msr.naming=flyway}, {@code V1_2__Backfill_user_names} has version 1.2). Override {@link #version()} and {@link #description()} to choose them freely.
 *
 * <p>{@link #down(MigrationContext)} is optional: a class that does not override it has no down migration.
 */
public interface JavaMigration {

    /**
     * Returns the version, unique among all migrations, or null (the default) to take it from the class name under
     * the active naming ({@code msr.naming}).
     */
    default @Nullable Version version() {
        return null;
    }

    /**
     * Returns the description shown in logs and history, or null (the default) to take it from the class name under
     * the active naming.
     */
    default @Nullable String description() {
        return null;
    }

    /**
     * Returns a checksum of the migration's logic, or null when it has none. When not null, an applied
     * migration whose checksum changed fails validation, as an edited SQL file does.
     */
    default @Nullable String checksum() {
        return null;
    }

    /** Returns false when this migration must run outside a transaction. */
    default boolean transactional() {
        return true;
    }

    /**
     * Returns when the migration may run relative to the rollout of the code that needs it: pre-deploy (the default)
     * or post-deploy, the contract step that runs once every replica runs the new code ({@code msr.phase}).
     */
    default DeployPhase phase() {
        return DeployPhase.PRE_DEPLOY;
    }

    /** Applies the change. Any exception fails the migration and rolls its transaction back. */
    void up(MigrationContext context) throws Exception;

    /**
     * Reverts the change. The default has no down migration: it is never called, and the engine reports
     * the migration as having none.
     */
    default void down(MigrationContext context) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " has no down migration");
    }
}
