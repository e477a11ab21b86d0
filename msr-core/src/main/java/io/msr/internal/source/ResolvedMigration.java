package io.msr.internal.source;

import io.msr.DeployPhase;
import io.msr.JavaMigration;
import io.msr.MigrationType;
import io.msr.TransactionMode;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.util.Comparator;

/**
 * A migration found locally: a SQL file pair or a Java migration.
 *
 * @param version     its version, or null for a repeatable migration
 * @param description its description, with spaces
 * @param type        SQL or Java
 * @param script      the up file's path within its location, or the Java class name
 * @param checksum    the checksum of the up script, or null for a Java migration without one
 * @param up          the up SQL script, or null for a Java migration
 * @param down        the down SQL script, or null when there is none or for a Java migration
 * @param java        the Java migration, or null for SQL
 * @param javaDown    whether the Java migration overrides {@code down}
 */
public record ResolvedMigration(@Nullable Version version, String description, MigrationType type, String script,
        @Nullable String checksum, @Nullable SqlScript up, @Nullable SqlScript down, @Nullable JavaMigration java,
        boolean javaDown) {

    /** Versioned migrations by version, then repeatable ones by description: the order they are applied in. */
    public static final Comparator<ResolvedMigration> ORDER = Comparator
            .comparing(ResolvedMigration::version, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ResolvedMigration::description);

    /** Returns true for a repeatable migration: no version, applied again whenever its checksum changes. */
    public boolean repeatable() {
        return version == null;
    }

    /** Returns how messages name it: {@code V1.2}, or {@code repeatable 'refresh views'}. */
    public String label() {
        return version != null ? "V" + version : "repeatable '" + description + "'";
    }

    /**
     * Returns when the migration runs relative to the rollout: the Java migration's {@code phase()}, the up file's
     * {@code -- msr:phase=} directive, or pre-deploy.
     */
    public DeployPhase phase() {
        if (java != null) {
            return java.phase() == null ? DeployPhase.PRE_DEPLOY : java.phase();
        }
        DeployPhase directive = up == null ? null : up.directives().phase();
        return directive == null ? DeployPhase.PRE_DEPLOY : directive;
    }

    /** Returns true when a down migration exists. */
    public boolean hasDown() {
        return type == MigrationType.SQL ? down != null : javaDown;
    }

    /** Returns where it was found, for messages: the location and path of the file, or the class name. */
    public String displayName() {
        return up != null ? up.file().displayName() : script;
    }

    /**
     * Returns whether the up migration runs in a transaction under the given mode: the file's
     * {@code msr:transaction} directive or the Java migration's {@code transactional()} wins over the mode.
     */
    public boolean transactionalUp(TransactionMode mode) {
        if (java != null) {
            return java.transactional() && mode != TransactionMode.NONE;
        }
        Boolean directive = up.directives().transaction();
        return directive != null ? directive : mode != TransactionMode.NONE;
    }

    /** Returns whether the down migration runs in a transaction under the given mode. */
    public boolean transactionalDown(TransactionMode mode) {
        if (java != null || down == null) {
            return transactionalUp(mode);
        }
        Boolean directive = down.directives().transaction();
        return directive != null ? directive : mode != TransactionMode.NONE;
    }

    /** Returns the directives of the script that runs in the direction: the up or down file's, none for Java. */
    public Directives directives(io.msr.Direction direction) {
        SqlScript script = direction == io.msr.Direction.UP ? up : down;
        return script == null ? Directives.NONE : script.directives();
    }

    /** Returns true when the up migration's own setting overrides the mode to run outside a transaction. */
    public boolean declaresNonTransactional() {
        return java != null ? !java.transactional() : Boolean.FALSE.equals(up.directives().transaction());
    }
}
