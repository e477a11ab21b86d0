package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.RealLiquibase;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app taking over a schema built before MSR: a migrate Job refuses it (exit 2) until
 * {@code msr.mode=baseline} records the version it already holds (a dry run writes nothing; a second baseline is
 * refused), after which migrate applies only newer migrations; and a schema built by real Liquibase, taken over by
 * the first migrate with {@code msr.adopt-from=liquibase} and {@code msr.baseline-version}.
 */
@WithPostgres
class BaselineIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    @TempDir
    Path dir;

    private final TestDatabase db;
    private String schema;
    private Path migrations;

    BaselineIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void migrationsOfASchemaThatExists() throws Exception {
        schema = db.freshSchema().name();
        migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1_create_users.up.sql"), "create table users (id int primary key);");
        Files.writeString(migrations.resolve("V2_create_notes.up.sql"), "create table notes (id int primary key);");
        Files.writeString(migrations.resolve("V3_add_email.up.sql"), "alter table users add column email text;");
    }

    private PackagedJar.Run run(String mode, String... more) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=" + mode, "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--test.java-migration.enabled=false", "--msr.locations=filesystem:" + migrations));
        args.addAll(List.of(more));
        return APP.run(Map.of(), args);
    }

    private List<String> history() {
        return db.queryForStrings("select version || ' ' || operation from " + schema + ".msr_schema_history"
                + " order by id");
    }

    private boolean historyTableExists() {
        return db.queryForObject("select to_regclass('" + schema + ".msr_schema_history') is not null", Boolean.class);
    }

    private List<String> userColumns() {
        return db.queryForStrings("select column_name from information_schema.columns where table_schema = '" + schema
                + "' and table_name = 'users' order by 1");
    }

    @Test
    void aSchemaWithTablesIsRefusedUntilABaselineRecordsWhatItHoldsThenOnlyNewerMigrationsRun() {
        db.execute("create table " + schema + ".users (id int primary key)");
        db.execute("create table " + schema + ".notes (id int primary key)");

        PackagedJar.Run refused = run("migrate");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("already holds 2 table(s)")
                .contains("run msr.mode=baseline with msr.baseline-version").contains("msr.adopt-from");
        assertThat(historyTableExists()).isFalse();

        PackagedJar.Run dryRun = run("baseline", "--msr.baseline-version=2", "--msr.dry-run=true");
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("Dry run: would record baseline V2");
        assertThat(historyTableExists()).isFalse();

        PackagedJar.Run baseline = run("baseline", "--msr.baseline-version=2");
        assertThat(baseline.exitCode()).as(baseline.output()).isZero();
        assertThat(baseline.output()).contains("MSR baseline succeeded").contains("-> V2");
        assertThat(history()).containsExactly("2 BASELINE");

        PackagedJar.Run migrate = run("migrate");
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(history()).containsExactly("2 BASELINE", "3 UP");
        assertThat(userColumns()).containsExactly("email", "id");

        PackagedJar.Run again = run("baseline", "--msr.baseline-version=5");
        assertThat(again.exitCode()).as(again.output()).isEqualTo(2);
        assertThat(again.output()).contains("\"" + schema + "\".\"msr_schema_history\" already holds 2 row(s), at"
                + " schema version V3");
        assertThat(history()).containsExactly("2 BASELINE", "3 UP");
    }

    @Test
    void theFirstMigrateTakesOverASchemaLiquibaseBuiltWithABaseline() throws Exception {
        liquibaseUpdate();

        PackagedJar.Run migrate = run("migrate", "--msr.adopt-from=liquibase", "--msr.baseline-version=2");

        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("Recorded baseline V2").contains("changelog.yaml::notes::bob");
        assertThat(history()).containsExactly("2 BASELINE", "3 UP");
        assertThat(userColumns()).containsExactly("email", "id");
        assertThat(db.queryForStrings("select id || ' ' || exectype from " + schema + ".databasechangelog order by"
                + " orderexecuted")).containsExactly("users EXECUTED", "notes EXECUTED");
    }

    private void liquibaseUpdate() throws Exception {
        Path changelogs = dir.resolve("liquibase");
        RealLiquibase.write(changelogs, "changelog.yaml", RealLiquibase.USERS_AND_NOTES);
        RealLiquibase.update(db, schema, changelogs, "changelog.yaml");
    }
}
