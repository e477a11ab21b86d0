package io.msr.execute;

import io.msr.JavaMigration;
import io.msr.MsrSettings;
import io.msr.dialect.ConnectionFactory;
import io.msr.event.MigrationListener;
import io.msr.source.MigrationResolver;

import java.util.List;

/**
 * What every operation needs: where connections come from, the settings, the Java migrations, the resolver and
 * the listener.
 *
 * @param connections    opens connections to the migration database
 * @param settings       the settings
 * @param javaMigrations the registered Java migrations
 * @param resolver       resolves migrations from the locations
 * @param listener       hears about the run (already made failure-safe)
 */
record EngineContext(ConnectionFactory connections, MsrSettings settings, List<JavaMigration> javaMigrations,
        MigrationResolver resolver, MigrationListener listener) {

    MigrationResolver.Resolution resolve() {
        return resolver.resolve(settings.locations(), javaMigrations);
    }
}
