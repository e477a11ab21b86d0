package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrate Job of an application with two DataSources: the packaged jar migrates the one marked
 * {@code @MsrDataSource} (the other points where nothing listens), and without the mark it exits naming both beans
 * and the way out, having migrated nothing.
 */
@WithPostgres
class TwoDataSourcesIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    private final TestDatabase db;

    TwoDataSourcesIT(TestDatabase db) {
        this.db = db;
    }

    private PackagedJar.Run migrate(String schema, String which) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=migrate", "--msr.schema=" + schema, "--test.two-data-sources." + which + "=true",
                "--test.other-datasource-url=jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2"));
        return APP.run(Map.of(), args);
    }

    @Test
    void migratesTheDataSourceMarkedMsrDataSource() {
        String schema = db.freshSchema().name();
        PackagedJar.Run run = migrate(schema, "marked");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(db.queryForStrings("select version from " + schema + ".msr_schema_history where operation = 'UP'"))
                .contains("1");
    }

    @Test
    void refusesToGuessBetweenTwoUnmarkedDataSources() {
        String schema = db.freshSchema().name();
        PackagedJar.Run run = migrate(schema, "unmarked");
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("ordersDataSource").contains("reportingDataSource").contains("@MsrDataSource");
        assertThat(db.queryForStrings("select count(*) from pg_tables where schemaname = '" + schema + "'"))
                .containsExactly("0");
    }
}
