package io.msr.bench;

import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.MultiSchemaSettings;
import io.msr.OperationResult;
import io.msr.SchemasResult;
import org.flywaydb.core.Flyway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies the migrations of a folder to many schemas, {@code tenant_1} to {@code tenant_<schemas>}, and prints the
 * wall time in seconds: {@code ApplyManySchemas <jdbc-url> <user> <folder> <schemas> msr <parallelism>} runs MSR's
 * {@code acrossSchemas().migrate()} at that parallelism; {@code ApplyManySchemas <jdbc-url> <user> <folder> <schemas>
 * flyway} runs one Flyway migrate per schema, one after another, as users of Flyway do by hand. The time runs from
 * before the engine is configured to the last schema's end: JVM start is out of it, class loading in it.
 */
public final class ApplyManySchemas {

    private ApplyManySchemas() {
    }

    public static void main(String[] args) {
        List<String> schemas = new ArrayList<>();
        for (int i = 1; i <= Integer.parseInt(args[3]); i++) {
            schemas.add("tenant_" + i);
        }
        long begin = System.nanoTime();
        int applied = args[4].equals("msr") ? withMsr(args, schemas, Integer.parseInt(args[5])) : withFlyway(args, schemas);
        long elapsed = System.nanoTime() - begin;
        if (applied == 0) {
            throw new IllegalStateException("no migration was applied; is the database fresh?");
        }
        System.out.printf(Locale.ROOT, "%.3f%n", elapsed / 1e9);
    }

    private static int withMsr(String[] args, List<String> schemas, int parallelism) {
        Msr msr = Msr.builder().url(args[0], args[1], null).settings(MsrSettings.builder()
                .locations("filesystem:" + args[2])
                .multiSchema(new MultiSchemaSettings(schemas, parallelism, false, 0, 1)).build()).build();
        SchemasResult<OperationResult> result = msr.acrossSchemas().migrate();
        if (!result.success()) {
            throw new IllegalStateException("msr failed: " + result.toSummaryJson(3));
        }
        return result.executedMigrations();
    }

    private static int withFlyway(String[] args, List<String> schemas) {
        int applied = 0;
        for (String schema : schemas) {
            Flyway flyway = Flyway.configure().dataSource(args[0], args[1], null).locations("filesystem:" + args[2])
                    .schemas(schema).defaultSchema(schema).createSchemas(true).load();
            applied += flyway.migrate().migrationsExecuted;
        }
        return applied;
    }
}
