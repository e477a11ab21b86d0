package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged app's migrate Job taking over a database golang-migrate left at version 2: the first run adopts
 * golang-migrate's history and applies what is newer; golang-migrate's table is left as it was.
 */
@WithPostgres
class GolangMigrateTakeoverIT {

    @TempDir
    Path dir;

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    private final TestDatabase db;
    private String schema;
    private Path migrations;

    GolangMigrateTakeoverIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void databaseLeftByGolangMigrate() throws IOException {
        schema = db.freshSchema().name();
        migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("000001_create_users.up.sql"), "create table users (id int primary key);");
        Files.writeString(migrations.resolve("000001_create_users.down.sql"), "drop table users;");
        Files.writeString(migrations.resolve("000002_add_name.up.sql"), "alter table users add column name text;");
        Files.writeString(migrations.resolve("000003_create_notes.up.sql"), "create table notes (id int primary key);");
        db.execute("create table " + schema + ".users (id int primary key, name text)");
        db.execute("create table " + schema + ".schema_migrations (version bigint not null primary key,"
                + " dirty boolean not null)");
        db.execute("insert into " + schema + ".schema_migrations values (2, false)");
    }

    private PackagedJar.Run run(String mode) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=" + mode, "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--test.java-migration.enabled=false", "--msr.locations=filesystem:" + migrations,
                "--msr.naming=golang-migrate", "--msr.adopt-from=golang-migrate",
                "--msr.summary-path=" + dir.resolve(mode + "-summary.json")));
        return APP.run(Map.of(), args);
    }

    @Test
    void theFirstMigrateAdoptsGolangMigratesVersionAndAppliesWhatIsNewer() throws IOException {
        PackagedJar.Run info = run("info");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(Files.readString(dir.resolve("info-summary.json"))).contains("\"pending\":1");

        PackagedJar.Run migrate = run("migrate");

        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("Adopted golang-migrate's history");
        assertThat(db.queryForStrings("select version || ' ' || operation from " + schema + ".msr_schema_history"
                + " order by id")).containsExactly("1 IMPORTED", "2 IMPORTED", "3 UP");
        assertThat(db.queryForObject("select to_regclass('" + schema + ".notes') is not null", Boolean.class)).isTrue();
        assertThat(db.queryForStrings("select version || ' ' || dirty from " + schema + ".schema_migrations"))
                .containsExactly("2 false");
        assertThat(run("migrate").exitCode()).isZero();
    }
}
