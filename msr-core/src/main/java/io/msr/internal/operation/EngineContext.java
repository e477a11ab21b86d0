package io.msr.internal.operation;

import io.msr.Version;
import io.msr.Issue;
import io.msr.JavaMigration;
import io.msr.MigrationListener;
import io.msr.MsrSettings;
import io.msr.internal.backup.PgBackup;
import io.msr.internal.jdbc.ConnectionFactory;
import io.msr.internal.plan.MigrationPlanner;
import io.msr.internal.source.MigrationResolver;
import io.msr.internal.source.ResolutionCache;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every operation needs: where connections come from, the settings, the Java migrations, the resolver and
 * the listener.
 *
 * @param connections     opens connections to the migration database
 * @param lockConnections opens the migration lock's connection to the same database: MSR's own non-pooled
 *                        sessions whenever the URL is known, so the session lock never lives on a pooled connection
 * @param settings       the settings
 * @param javaMigrations the registered Java migrations
 * @param resolver       resolves migrations from the locations: the engine's {@link ResolutionCache}, reading only
 *                       what changed since the last call
 * @param listener       hears about the run (already made failure-safe)
 * @param backup         takes and restores backups with the database's own tools
 * @param facts          what the engine learnt about its database, for cheaper reads
 * @param schemaFirst    put the history schema first on the migration connection's {@code search_path}, so that
 *                       migrations create and find their objects in it: an engine of one schema of many
 *                       ({@link io.msr.Msr#forSchema})
 * @param stops          stops the runs of the engine and of its schemas' engines ({@link io.msr.Msr#stop()})
 */
record EngineContext(ConnectionFactory connections, ConnectionFactory lockConnections, MsrSettings settings,
        List<JavaMigration> javaMigrations, Resolver resolver, MigrationListener listener, PgBackup backup,
        DatabaseFacts facts, boolean schemaFirst, StopSwitch stops) {

    /**
     * Returns this context working on {@code schema}: its history table and lock there, the schema first on the
     * search path; connections, resolutions, listener and what was learnt about the database are shared.
     */
    EngineContext forSchema(String schema) {
        MsrSettings own = settings.toBuilder().schema(schema).build();
        return new EngineContext(connections, lockConnections, own, javaMigrations, resolver, listener, backup, facts,
                true, stops);
    }

    /** Resolves the migrations of the settings' locations, with the Java migrations. */
    @FunctionalInterface
    interface Resolver {

        /** Returns the resolution; see {@link ResolutionCache#resolve}. */
        MigrationResolver.Resolution resolve(MsrSettings settings, List<JavaMigration> javaMigrations);
    }

    /**
     * Returns this context resolving once: its first resolution serves every later call, whatever their settings. For
     * one operation over many schemas, whose settings differ by the schema alone (which resolving does not read): each
     * schema gets the same migrations, and the locations are listed once rather than once per schema.
     */
    EngineContext resolvingOnce() {
        Resolver first = new Resolver() {
            private MigrationResolver.@Nullable Resolution resolution;

            @Override
            public synchronized MigrationResolver.Resolution resolve(MsrSettings settings,
                    List<JavaMigration> javaMigrations) {
                if (resolution == null) {
                    resolution = resolver.resolve(settings, javaMigrations);
                }
                return resolution;
            }
        };
        return new EngineContext(connections, lockConnections, settings, javaMigrations, first, listener, backup, facts,
                schemaFirst, stops);
    }

    /** Resolves every migration; an unknown placeholder is an error issue of its file. */
    MigrationResolver.Resolution resolve() {
        return resolver.resolve(settings, javaMigrations);
    }

    /**
     * Resolves and returns the migrations by version for operations that work on applied migrations (down,
     * repair): malformed files and duplicate versions fail, the rest of validation does not apply.
     */
    Map<Version, ResolvedMigration> resolveByVersion() {
        MigrationResolver.Resolution resolution = resolve();
        List<Issue> issues = new ArrayList<>(resolution.issues());
        Map<Version, ResolvedMigration> resolved = MigrationPlanner.uniqueByVersion(resolution.migrations(), issues);
        Validation.failOnErrors(issues, false);
        return resolved;
    }

    /**
     * Resolves, failing before any connection is opened when files are malformed or versions are duplicated
     * (all such problems reported at once; warnings too when strict).
     */
    MigrationResolver.Resolution resolveChecked(boolean strict) {
        MigrationResolver.Resolution resolution = resolve();
        List<Issue> issues = new ArrayList<>(resolution.issues());
        MigrationPlanner.uniqueByVersion(resolution.migrations(), issues);
        Validation.failOnErrors(issues, strict);
        return resolution;
    }
}
